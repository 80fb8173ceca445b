"""'A copy for the family': the information sheet, their answers and their signature as a PDF.

Owns the printable document: the sheet and the answers in the family's language (laid
out right to left when the form is), then the same in English when that differs, the
facts of the record (form, version, language, how and when given, who confirmed) and the
signature picture. Built with ``QTextDocument`` and written with ``QPdfWriter``; nothing
here asks where to save, so tests call ``write_family_copy`` with a path.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from fieldwork.domain.casebook import language_label
from fieldwork.domain.consent import ConsentForm, ConsentRecord, HowGiven, TextDirection

_SIGNATURE_URL = QUrl("fieldwork:signature.png")


def _tr(text: str) -> str:
    return QCoreApplication.translate("FamilyCopy", text)


def _direction(form: ConsentForm) -> str:
    return "rtl" if form.direction is TextDirection.RIGHT_TO_LEFT else "ltr"


def _section(form: ConsentForm, record: ConsentRecord, first: bool) -> str:
    """The sheet and the answers in one language."""
    direction = _direction(form)
    align = "right" if direction == "rtl" else "left"
    brk = "" if first else " style='page-break-before: always;'"
    parts = [f"<div dir='{direction}' align='{align}'{brk}>",
             f"<h1 dir='{direction}' align='{align}'>{escape(form.title)}</h1>"]
    parts += [f"<p dir='{direction}' align='{align}'>{escape(p)}</p>" for p in form.information_sheet]
    agreed = {a.statement_id: a.agreed for a in record.answers}
    parts.append(f"<h2 dir='{direction}' align='{align}'>{escape(_tr('Your answers'))}</h2>")
    parts.append("<table border='1' cellspacing='0' cellpadding='6' width='100%'>")
    for number, statement in enumerate(form.statements, start=1):
        if statement.statement_id not in agreed:
            continue
        answer = _tr("Yes") if agreed[statement.statement_id] else _tr("No")
        text = f"<td dir='{direction}' align='{align}'>{number}. {escape(statement.text)}</td>"
        verdict = f"<td width='15%' align='center'><b>{escape(answer)}</b></td>"
        parts.append(f"<tr>{verdict}{text}</tr>" if direction == "rtl" else f"<tr>{text}{verdict}</tr>")
    parts.append("</table></div>")
    return "".join(parts)


def _facts(record: ConsentRecord, has_signature: bool) -> str:
    how = (_tr("Signed on screen") if record.how_given is HowGiven.SIGNED_ON_SCREEN
           else _tr("Given verbally (recorded by the researcher)"))
    when = record.confirmed_at.astimezone().strftime("%d %B %Y, %H:%M")
    language = f"{language_label(record.language.split('-')[0])} ({record.language})"
    rows = [
        (_tr("Consent form"), f"{record.form_id}, {_tr('version')} {record.version}, {language}"),
        (_tr("How consent was given"), how),
        (_tr("Date and time"), when),
        (_tr("Researcher"), record.researcher_confirmation),
    ]
    if record.interpreter_present and record.interpreter_confirmation:
        rows.append((_tr("Interpreter"), record.interpreter_confirmation))
    html = [f"<h2>{escape(_tr('About this consent'))}</h2><table cellpadding='4'>"]
    html += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows]
    html.append("</table>")
    if has_signature:
        html.append(f"<p><b>{escape(_tr('Signature'))}</b></p>")
        html.append(f"<p><img src='{_SIGNATURE_URL.toString()}' width='420'></p>")
    return "".join(html)


def family_copy_document(record: ConsentRecord, form: ConsentForm, english: ConsentForm | None,
                         signature_png: bytes | None = None) -> QTextDocument:
    """The family's copy as a text document (also used to preview or print it)."""
    document = QTextDocument()
    font = QFont(document.defaultFont())
    font.setPointSizeF(11)
    document.setDefaultFont(font)
    has_signature = False
    if signature_png:
        picture = QImage.fromData(signature_png, "PNG")
        if not picture.isNull():
            document.addResource(QTextDocument.ResourceType.ImageResource, _SIGNATURE_URL, picture)
            has_signature = True
    sections = [_section(form, record, first=True)]
    if english is not None and english is not form and english.language != form.language:
        sections.append(_section(english, record, first=False))
    document.setHtml("<html><body>" + "".join(sections) + _facts(record, has_signature)
                     + "</body></html>")
    return document


def write_family_copy(path: Path, record: ConsentRecord, form: ConsentForm,
                      english: ConsentForm | None, signature_png: bytes | None = None) -> Path:
    """Write the PDF to ``path``; raises ``OSError`` when nothing usable was written."""
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    if not path.parent.is_dir():
        raise OSError(f"the folder {path.parent} does not exist")
    document = family_copy_document(record, form, english, signature_png)
    writer = QPdfWriter(str(path))
    writer.setTitle(form.title)
    writer.setCreator("fieldwork")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
    document.print_(writer)
    del writer  # the file is finished when the writer goes
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(f"the PDF could not be written to {path}")
    return path
