"""The report as a PDF laid out like a published government report.

A4 with the margins of GB/T 9704 (党政机关公文格式): the title in 二号 heading type, section
headings in 三号 黑体, prose in 三号 仿宋 with a two-character indent on a fixed 28 pt line, the
official tables, the agency and date at the end, and page numbers "— 1 —". A report that fails
its checks carries a diagonal draft watermark on every page; accepted warnings are listed, with
the clerk's reasons, in an appendix 校验说明.
"""

from __future__ import annotations

import io
import math

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, PageBreak, PageTemplate, Spacer

from core import APP_NAME, __version__
from core.fonts import HEADING, PROSE, TABLE, Face, FontSet, pdf_fonts
from core.pdf_forms import section_tables
from core.pdf_text import CENTER, LEFT, TextBlock
from core.report import Report, format_date

TOP, BOTTOM, LEFT_MARGIN, RIGHT_MARGIN = 37 * mm, 35 * mm, 28 * mm, 26 * mm
WIDTH = A4[0] - LEFT_MARGIN - RIGHT_MARGIN
TITLE_SIZE, TITLE_LEADING = 22.0, 34.0  # 二号
BODY_SIZE, LEADING = 16.0, 28.0  # 三号 on a fixed 28 pt line
INDENT = 2 * BODY_SIZE
FOLIO_SIZE, FOLIO_DROP = 14.0, 7 * mm  # 四号 page number, 7 mm below the type area
SHORT_END = 4  # lines: a last section this short goes to the signature's page whole, heading included
WATERMARK = "草稿 — 未通过校验"
WATERMARK_SIZE, WATERMARK_COLOR = 72.0, Color(0.8, 0.1, 0.1, alpha=0.2)


def unprintable_characters(report: Report, fonts: FontSet | None = None) -> str:
    """Characters of the report's text that the PDF would leave blank, for a warning to the clerk."""
    meta = report.meta
    texts = [meta.agency, meta.contact, meta.phone, *report.prose.values(), *report.accepted.values()]
    return (fonts or pdf_fonts()).missing("".join(texts))


def unprintable_warning(characters: str) -> str:
    return (f"注意：没有字体能印出以下字符，PDF 中这些位置会是空白：{'、'.join(characters)}。"
            "请核对，必要时改用常用字，或在打印稿上手写补正。")


def pdf_bytes(report: Report, fonts: FontSet | None = None) -> bytes:
    """The whole report as a PDF document."""
    fonts = fonts or pdf_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=LEFT_MARGIN, rightMargin=RIGHT_MARGIN, topMargin=TOP, bottomMargin=BOTTOM,
        title=report.title, author=report.meta.agency, subject=f"政府信息公开工作年度报告，{report.spec.label}",
        creator=f"{APP_NAME} {__version__}", lang="zh-CN", initialFontName=fonts.prose,  # no unembedded Helvetica
    )
    frame = Frame(LEFT_MARGIN, BOTTOM, WIDTH, A4[1] - TOP - BOTTOM, 0, 0, 0, 0, id="body")
    decorate = _PageDecoration(fonts, draft=bool(report.errors))
    doc.addPageTemplates([PageTemplate("page", [frame], onPageEnd=decorate)])
    doc.build(_story(report, fonts))
    return buffer.getvalue()


def _story(report: Report, fonts: FontSet) -> list[Flowable]:
    prose, heading = fonts.face(PROSE, BODY_SIZE), fonts.face(HEADING, BODY_SIZE)
    story: list[Flowable] = [_title(report, fonts), Spacer(1, LEADING)]
    signature = _signature(report, fonts)
    for section in report.spec.sections:
        body: list[Flowable] = []
        if section.kind == "prose":
            body = [TextBlock(p, prose, LEADING, indent=INDENT) for p in report.paragraphs(section.id)]
            lead = 2 * LEADING
            height = sum(b.wrap(WIDTH, A4[1])[1] for b in body)
            if section is report.spec.sections[-1] and signature and height <= SHORT_END * LEADING:
                lead = height + signature.wrap(WIDTH, A4[1])[1]  # a short last section stays with the signature
        else:
            tables = section_tables(report, section, fonts)
            for table in tables:
                body += [Spacer(1, 6), table, Spacer(1, 12)]
            lead = 6 + tables[0].lead_height(WIDTH)
        # A heading stays with two lines of prose, or with its table's header and first rows.
        story += [CondPageBreak(LEADING + lead), TextBlock(section.heading, heading, LEADING, LEFT, INDENT), *body]
    if signature and isinstance(story[-1], TextBlock):
        story.append(KeepTail(story.pop(), signature))
    elif signature:
        story += [CondPageBreak(signature.wrap(WIDTH, A4[1])[1]), signature]
    return story + _appendix(report, fonts)


def _title(report: Report, fonts: FontSet) -> TextBlock:
    """The title, broken after the agency's name when it does not fit on one line."""
    face = fonts.face(HEADING, TITLE_SIZE)
    title = report.title
    if report.meta.agency and face.width(title) > WIDTH:
        title = f"{report.meta.agency}\n{title[len(report.meta.agency):]}"
    return TextBlock(title, face, TITLE_LEADING, CENTER)


def _signature(report: Report, fonts: FontSet) -> Signature | None:
    lines = [t for t in (report.meta.agency, format_date(report.meta.date)) if t]
    return Signature(lines, fonts.face(PROSE, BODY_SIZE)) if lines else None


class Signature(Flowable):
    """Agency and date after the text, two lines below it: the date four characters from the right
    margin, the agency centred over the date (GB/T 9704)."""

    def __init__(self, lines: list[str], face: Face):
        super().__init__()
        self.lines, self.face = lines, face

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, (len(self.lines) + 2) * LEADING
        return self.width, self.height

    def draw(self) -> None:
        # A line wider than the text column (a long agency name) is set smaller to stay within it.
        faces = [self.face.scaled(self.width / w) if (w := self.face.width(t)) > self.width else self.face
                 for t in self.lines]
        block = max(face.width(t) for face, t in zip(faces, self.lines))
        right = self.width - min(4 * BODY_SIZE, max(self.width - block, 0))
        for i, (face, text) in enumerate(zip(faces, self.lines)):
            x = right - block + (block - face.width(text)) / 2
            rise = (LEADING - face.size) / 2 + 0.12 * face.size
            face.draw(self.canv, x, (len(self.lines) - i - 1) * LEADING + rise, text)


class KeepTail(Flowable):
    """The last paragraph and the signature: the signature never stands alone on a page, it takes
    at least the paragraph's last two lines with it (GB/T 9704 forbids a page with no text)."""

    def __init__(self, block: TextBlock, tail: Flowable, keep_lines: int = 2):
        super().__init__()
        self.block, self.tail, self.keep_lines = block, tail, keep_lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._block_h = self.block.wrap(availWidth, availHeight)[1]
        self.width = availWidth
        self.height = self._block_h + self.tail.wrap(availWidth, availHeight)[1]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight:
            return [self]
        lines = self.block.lines(availWidth)
        fit = min(int(availHeight // self.block.leading), len(lines) - self.keep_lines)
        if fit < 2:
            return []
        return [self.block.part(lines[:fit]), KeepTail(self.block.part(lines[fit:]), self.tail, self.keep_lines)]

    def draw(self) -> None:
        self.block.drawOn(self.canv, 0, self.height - self._block_h)
        self.tail.drawOn(self.canv, 0, 0)


def _appendix(report: Report, fonts: FontSet) -> list[Flowable]:
    """附件 校验说明: each accepted warning with the clerk's reason."""
    accepted = [f for f in report.findings if not f.is_error and f.key in report.accepted]
    if not accepted:
        return []
    prose = fonts.face(PROSE, BODY_SIZE)
    story: list[Flowable] = [
        PageBreak(), TextBlock("附件", fonts.face(HEADING, BODY_SIZE), LEADING, LEFT), Spacer(1, LEADING / 2),
        TextBlock("校验说明", fonts.face(HEADING, TITLE_SIZE), TITLE_LEADING, CENTER), Spacer(1, LEADING / 2),
        TextBlock("本报告经程序校验，以下提示经核实后保留，理由如下。", prose, LEADING, indent=INDENT),
    ]
    for number, finding in enumerate(accepted, 1):
        story.append(TextBlock(f"{number}．{finding.message}", prose, LEADING, indent=INDENT))
        story.append(TextBlock(f"说明：{report.accepted[finding.key]}", prose, LEADING, indent=INDENT))
    return story


class _PageDecoration:
    """Draws the page number, and the draft watermark on a report with errors, on every page."""

    def __init__(self, fonts: FontSet, draft: bool):
        self.folio = fonts.face(TABLE, FOLIO_SIZE)
        self.mark = Face(fonts.heading, fonts.fallback, WATERMARK_SIZE)  # never emboldened: strokes would show
        self.draft = draft

    def __call__(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        canv.saveState()
        folio = f"— {doc.page} —"
        baseline = BOTTOM - FOLIO_DROP - 0.88 * FOLIO_SIZE
        self.folio.draw(canv, (A4[0] - self.folio.width(folio)) / 2, baseline, folio)
        if self.draft:
            canv.setFillColor(WATERMARK_COLOR)
            canv.translate(A4[0] / 2, A4[1] / 2)
            canv.rotate(math.degrees(math.atan2(A4[1], A4[0])))
            width = self.mark.width(WATERMARK)
            self.mark.draw(canv, -width / 2, -0.35 * self.mark.size, WATERMARK)
        canv.restoreState()
