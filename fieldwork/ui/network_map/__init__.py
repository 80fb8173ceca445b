"""The family network map page, split the way Orange's canvas is.

- ``document``: ``MapDocument`` owns the interview's stored map and its ``QUndoStack``;
  every action is an undo command, and redo and undo both write to the database.
- ``commands``: the undo commands (add, change, remove a person; add, remove a tie).
- ``scene``, ``backdrop`` and ``items``: a ``QGraphicsScene`` that mirrors the document
  (rings, sector wedges and titles, the centre, people, ties), places the names with
  ``domain.map_look`` and turns clicks and drags into document actions; ``view`` scales it.
- ``style``: Qt pens and colours from the shared look in ``domain.map_look``.
- ``panels``, ``people_list``, ``key_panel`` and ``dialogs``: metrics and ratings, the
  off-the-map tray, the wave-2 change list, the people for the keyboard and screen readers,
  the prompts and legend, and the small forms.
- ``page`` (with ``start_panel``, ``toolbar``, ``editing`` and ``picture_saving``): the
  ``StepPage`` that puts them together; ``family_mode``: 'Show to family'.
"""
