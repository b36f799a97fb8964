"""What an answer's content shows: strengths and concerns (signals), the prompt's framework
(C.A.R.E., METER, CAUSE, VALUE) and the suggested rubric scores."""
