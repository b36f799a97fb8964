"""Charts of habits over time (QtCharts), themed from the widget's palette: going over budget,
steps most often missed, time until the goal is restated, pace and fillers, self-scores and how
far they sit from the suggested scores."""

from __future__ import annotations

from datetime import date, timedelta

from interviewer_app.analysis.habits.summary import WeekStats
from interviewer_app.core.rubric import RUBRIC
from interviewer_app.core.steps import STEPS
from interviewer_app.qt_binding import Qt, QtCore, QtGui, QtWidgets, charts
from interviewer_app.ui.palette import is_dark
from interviewer_app.ui.step_colors import STEP_COLORS

QtCharts = charts()

# Okabe-Ito-like series colours, one set per background (distinct for colour-blind readers).
SERIES = {False: ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#B8860B", "#56B4E9", "#6A3D9A"),
          True: ("#56B4E9", "#FF8C5A", "#3FD0A0", "#E89AC7", "#F0C050", "#9ECBF0", "#B79CE0")}
MAX_X_LABELS = 8
SERIES_SPREAD_DAYS = 0.5  # between the dots of two series in the same week


def base_chart(palette: QtGui.QPalette, legend: bool = True) -> QtCharts.QChart:
    """An empty chart in the palette's colours: the light or dark theme, then our background,
    text and grid colours so it sits on the page like any other widget."""
    chart = QtCharts.QChart()
    chart.setTheme(QtCharts.QChart.ChartTheme.ChartThemeDark if is_dark(palette)
                   else QtCharts.QChart.ChartTheme.ChartThemeLight)
    chart.setBackgroundBrush(palette.color(QtGui.QPalette.ColorRole.Base))
    chart.setBackgroundRoundness(0)
    chart.setMargins(QtCore.QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QtCharts.QChart.AnimationOption.NoAnimation)
    chart.legend().setVisible(legend)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setLabelColor(palette.color(QtGui.QPalette.ColorRole.Text))
    chart.legend().setFont(QtWidgets.QApplication.font())
    return chart


def _style_axis(axis: QtCharts.QAbstractAxis, palette: QtGui.QPalette, title: str = "") -> None:
    text, grid = palette.color(QtGui.QPalette.ColorRole.Text), palette.color(QtGui.QPalette.ColorRole.Mid)
    axis.setLabelsBrush(text)
    axis.setLabelsFont(QtWidgets.QApplication.font())
    axis.setTitleBrush(text)
    axis.setTitleText(title)
    axis.setGridLineColor(grid)
    axis.setLinePenColor(grid)


def week_x(week: str) -> float:
    return float(date.fromisoformat(week).toordinal())


def week_label(week: str, today: date | None = None, long_span: bool = False) -> str:
    """'this week' for the current week, else its Monday: '30 Nov' ('30 Nov 25' over a long span)."""
    d, today = date.fromisoformat(week), today or date.today()
    if d == today - timedelta(days=today.weekday()):
        return "this week"
    return f"{d.day} {d:%b}" + (f" {d:%y}" if long_span else "")


def week_axis(weeks: list[str], palette: QtGui.QPalette) -> QtCharts.QCategoryAxis:
    """An x axis with a label on the Monday of weeks (every k-th week when there are many; the
    current week is "this week", not a date that reads as the past)."""
    axis = QtCharts.QCategoryAxis()
    axis.setLabelsPosition(QtCharts.QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    xs = [week_x(w) for w in weeks]
    long_span = len(weeks) > 1 and xs[-1] - xs[0] > 300
    step = max(1, -(-len(weeks) // MAX_X_LABELS))
    for w in weeks[::step]:
        axis.append(week_label(w, long_span=long_span), week_x(w))
    axis.setRange(xs[0] - 3.5, xs[-1] + 3.5)
    axis.setGridLineVisible(False)
    axis.setTruncateLabels(False)
    _style_axis(axis, palette)
    return axis


def value_axis(palette: QtGui.QPalette, label_format: str, low: float, high: float,
               title: str = "") -> QtCharts.QValueAxis:
    axis = QtCharts.QValueAxis()
    axis.setLabelFormat(label_format)
    axis.setRange(low, high if high > low else low + 1)
    axis.applyNiceNumbers()
    _style_axis(axis, palette, title)
    return axis


def line(name: str, color: str, points: list[tuple[float, float]]) -> QtCharts.QLineSeries:
    series = QtCharts.QLineSeries()
    series.setName(name)
    series.setPointsVisible(True)
    series.setMarkerSize(7)
    pen = QtGui.QPen(QtGui.QColor(color), 2.5)
    series.setPen(pen)
    series.setColor(QtGui.QColor(color))
    for x, y in points:
        series.append(x, y)
    return series


def _attach(chart, series, x_axis, y_axis, side=Qt.AlignmentFlag.AlignLeft) -> None:
    chart.addSeries(series)
    if x_axis not in chart.axes():
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    if y_axis not in chart.axes():
        chart.addAxis(y_axis, side)
    series.attachAxis(x_axis)
    series.attachAxis(y_axis)


def _points(weeks: list[WeekStats], value, shift: float = 0.0) -> list[tuple[float, float]]:
    """(x, y) per week with a value; `shift` days to the side, so series sharing a value (seven
    rubric dimensions all scored 3) stay side by side instead of hiding one another."""
    return [(week_x(w.week) + shift, v) for w in weeks if (v := value(w)) is not None]


def _side(i: int, n: int) -> float:
    """The i-th of n series, spread over about three days around its week's Monday."""
    return (i - (n - 1) / 2) * SERIES_SPREAD_DAYS


def _two_lines(weeks, palette, left: tuple, right: tuple) -> QtCharts.QChart:
    """Two weekly series on a left and a right axis: (name, value fn, label format, title)."""
    chart = base_chart(palette)
    x = week_axis([w.week for w in weeks], palette)
    colors = SERIES[is_dark(palette)]
    for (name, value, fmt, title, floor), color, side in zip(
            (left, right), colors[:2], (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight)):
        points = _points(weeks, value)
        top = max((y for _, y in points), default=1.0)
        y = value_axis(palette, fmt, 0, max(top * 1.1, floor), title)
        y.setLabelsBrush(QtGui.QColor(color))
        y.setGridLineVisible(side == Qt.AlignmentFlag.AlignLeft)  # one grid, not two
        _attach(chart, line(name, color, points), x, y, side)
    return chart


def over_budget_chart(weeks: list[WeekStats], palette) -> QtCharts.QChart:
    return _two_lines(weeks, palette,
                      ("Share over budget (%)", lambda w: None if w.over_share is None else 100 * w.over_share, "%d%%", "", 100),
                      ("Mean overtime (s)", lambda w: w.mean_overtime_s, "%d s", "", 10))


def pace_chart(weeks: list[WeekStats], palette, fillers_written: bool = False) -> QtCharts.QChart:
    """Words and fillers per minute by week; the fillers of answers transcribed as the newest was
    (`fillers_written`: with "um" and "uh" written down, which counts many more)."""
    fillers = "Fillers per minute (written down)" if fillers_written else "Fillers per minute"
    return _two_lines(weeks, palette,
                      ("Words per minute", lambda w: w.mean_wpm, "%d", "", 180),
                      (fillers, lambda w: w.fillers_per_min, "%.1f", "", 2))


def restate_chart(weeks: list[WeekStats], palette) -> QtCharts.QChart:
    chart = base_chart(palette, legend=False)
    points = _points(weeks, lambda w: w.mean_time_to_restate_s)
    y = value_axis(palette, "%d s", 0, max([p[1] for p in points] + [10]) * 1.1, "seconds into the answer")
    _attach(chart, line("Time until the goal is restated", SERIES[is_dark(palette)][2], points),
            week_axis([w.week for w in weeks], palette), y)
    return chart


def self_score_chart(weeks: list[WeekStats], palette) -> QtCharts.QChart:
    chart = base_chart(palette)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)  # seven names: one per line
    x = week_axis([w.week for w in weeks], palette)
    y = value_axis(palette, "%d", 1, 5)
    y.setTickCount(5)
    for i, (dim, color) in enumerate(zip(RUBRIC, SERIES[is_dark(palette)])):
        points = _points(weeks, lambda w, k=dim.key: w.self_scores.get(k), _side(i, len(RUBRIC)))
        if points:
            _attach(chart, line(dim.title, color, points), x, y)
    return chart


def score_gap_chart(weeks: list[WeekStats], palette) -> QtCharts.QChart:
    """Self-score minus suggested score, week by week, one line per dimension scored, with the
    zero line (self-score = suggestion) drawn dashed."""
    chart = base_chart(palette)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    x = week_axis([w.week for w in weeks], palette)
    top = max(2, min(4, round(max([abs(v) for w in weeks for v in w.score_gaps.values()] + [1.0]) + 0.5)))
    y = QtCharts.QValueAxis()  # symmetric around 0, one tick per point: -2 … +2 (at most -4 … +4)
    y.setLabelFormat("%+d")
    y.setRange(-top, top)
    y.setTickCount(2 * top + 1)
    _style_axis(y, palette, "points")
    zero = line("Same as suggested", palette.color(QtGui.QPalette.ColorRole.Mid).name(),
                [(x.min(), 0.0), (x.max(), 0.0)])
    zero.setPointsVisible(False)
    pen = zero.pen()
    pen.setStyle(Qt.PenStyle.DashLine)
    pen.setWidthF(1.5)
    zero.setPen(pen)
    _attach(chart, zero, x, y)
    chart.legend().markers(zero)[0].setVisible(False)
    for i, (dim, color) in enumerate(zip(RUBRIC, SERIES[is_dark(palette)])):
        points = _points(weeks, lambda w, k=dim.key: w.score_gaps.get(k), _side(i, len(RUBRIC)))
        if points:
            _attach(chart, line(dim.title, color, points), x, y)
    return chart


def missed_steps_chart(miss_rate: dict[str, float], palette) -> QtCharts.QChart:
    """Horizontal bars, the most often missed step on top, each in its step colour. One bar set
    per step, stacked, so every bar is full height and has its own colour."""
    chart = base_chart(palette, legend=False)
    order = sorted(STEPS, key=lambda s: (miss_rate.get(s.key, 0.0), -s.number))  # bottom -> top
    series = QtCharts.QHorizontalStackedBarSeries()
    series.setBarWidth(0.7)
    for i, step in enumerate(order):
        bar = QtCharts.QBarSet(step.title)
        bar.setColor(QtGui.QColor(STEP_COLORS[step.key]))
        bar.setBorderColor(QtGui.QColor(STEP_COLORS[step.key]))
        bar.append([100 * miss_rate.get(step.key, 0.0) if j == i else 0.0 for j in range(len(order))])
        series.append(bar)
    categories = QtCharts.QBarCategoryAxis()
    categories.append([f"{s.number}. {s.title}" for s in order])
    _style_axis(categories, palette)
    categories.setGridLineVisible(False)
    categories.setTruncateLabels(False)
    top = max(list(miss_rate.values()) + [0.1]) * 100
    x = value_axis(palette, "%d%%", 0, min(100.0, top * 1.15), "share of answers where the step was missed")
    chart.addSeries(series)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    series.attachAxis(x)
    return chart


class ChartCard(QtWidgets.QFrame):
    """A titled chart, or a short note in its place when there is nothing to draw."""

    def __init__(self, title: str, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.title = QtWidgets.QLabel(f"<b>{title}</b>")
        self.view = QtCharts.QChartView()
        self.view.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(240)
        self.view.setAccessibleName(title)
        self.note = QtWidgets.QLabel()
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.note.setMinimumHeight(240)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note, 1)
        self.note.hide()

    def add_footer(self, widget: QtWidgets.QWidget) -> None:
        """A widget under the chart or note (a table of the numbers behind it)."""
        self.layout().addWidget(widget)

    def chart(self) -> QtCharts.QChart | None:
        return None if self.view.isHidden() else self.view.chart()

    def show_chart(self, chart: QtCharts.QChart) -> None:
        old = self.view.chart()
        self.view.setChart(chart)  # the view owns the new chart; drop the one it replaces
        if old is not None and old is not chart:
            old.deleteLater()
        self.view.show()
        self.note.hide()

    def show_note(self, text: str) -> None:
        muted = self.palette().color(QtGui.QPalette.ColorRole.PlaceholderText).name()
        self.note.setText(f"<span style='color:{muted}'>{text}</span>")
        self.view.hide()
        self.note.show()
