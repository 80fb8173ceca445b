"""The consent step: taking a family's per-component consent, showing it, correcting it.

``ConsentPage`` (the workspace's consent step) is built from ``consent_entry`` (the form
being filled in), ``sheet_widgets`` (the sheet and statements in one or two languages),
``signature_pad``, ``record_view`` (a confirmed record, read-only) and ``family_copy``
(the family's PDF). ``form_choice`` picks the form for the interview language.
"""

from fieldwork.ui.consent.consent_page import ConsentPage

__all__ = ["ConsentPage"]
