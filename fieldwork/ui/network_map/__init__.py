"""The family network map page, split the way Orange's canvas is.

- ``document``: ``MapDocument`` owns the interview's stored map and its ``QUndoStack``;
  every action is an undo command, and redo and undo both write to the database.
- ``commands``: the undo commands (add, change, remove a person; add, remove a tie).
- ``scene`` and ``items``: a ``QGraphicsScene`` that mirrors the document (rings, sector
  wedges, the centre, people, ties) and turns clicks and drags into document actions.
- ``panels`` and ``dialogs``: metrics and ratings, the off-the-map tray, the wave-2
  change list, and the small forms for a person.
- ``page``: the ``StepPage`` that puts them together; ``family_mode``: 'Show to family'.
"""

