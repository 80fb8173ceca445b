"""Questionnaires in the interview: SCORE-15 and the other family questions, one engine.

``page`` (the step pages), ``session`` (the state both screens follow), ``cards`` (item
wording, response cards, telephone script), ``family_chooser``, ``family_view``, ``results``.
"""
