"""帮助: 填报说明 (what each part means and how it is checked) and 关于."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from core import APP_NAME, __version__
from core.formats import FormatSpec, builtin_formats

_RULES = """
<h3>程序如何校验</h3>
<p>每输入一个数，程序立即重新计算合计并校验，问题列在窗口下方的“问题列表”中，对应单元格加红框（错误）或橙框（警告）。
单击问题可跳到对应的单元格或文字。</p>
<ul>
<li><b>错误</b>必须改正，例如：三、表中每一列“一＋二”应等于“（七）总计＋四”（表格左上角的勾稽关系）；
各行“总计”应等于自然人与各类法人或其他组织之和；“（七）总计”应等于（一）至（六）各项之和；
四、表中各“总计”应等于结果维持、结果纠正、其他结果、尚未审结之和；表格中不能留空，没有发生的请填 0。</li>
<li><b>警告</b>提示可能的问题，例如规章数量不为 0、“五、存在的主要问题及改进情况”过短、总体情况超过一千字、
“六、其他需要报告的事项”没有写信息处理费情况（2021 年格式）、报告年度与格式不符。确实无误的警告，可在问题列表中“说明理由并忽略”，理由随报告保存。</li>
<li>灰底蓝字、带“∑”的合计单元格由程序自动计算，不能填写；浅黄底的单元格尚未填写，没有发生的请填 0。</li>
</ul>
<h3>输入方法</h3>
<p>选中单元格直接输入数字（全角数字、千位分隔符也可以），Enter 下移，Tab 右移，方向键移动，F2 或双击修改，
Delete 清空。可以在 Excel 或 WPS 中选中一块数字复制，再在本程序中选中左上角的单元格按 Ctrl+V 粘贴。
Ctrl+Z 撤销，Ctrl+Y 重做。</p>
<h3>文件</h3>
<p>每个单位每年一份报告文件（.nianbao）。程序每隔几秒自动保存一份恢复副本（不会覆盖您的文件），
万一断电或程序意外关闭，下次启动时可以恢复。报告写好后可从“文件”菜单导出 Excel 和 PDF。</p>
"""


def guide_html(spec: FormatSpec) -> str:
    parts = [f"<h2>填报说明</h2><p>本报告使用{html.escape(spec.label)}。标题：{html.escape(spec.title)}</p>",
             "<h3>报告的六个部分</h3><ul>"]
    for section in spec.sections:
        what = section.guide or ("按表格逐项填写数字。" if section.kind == "tables" else "")
        parts.append(f"<li><b>{html.escape(section.heading)}</b>：{html.escape(what)}</li>")
    parts.append("</ul>")
    parts.append(_RULES)
    return "".join(parts)


class GuideDialog(QDialog):
    def __init__(self, spec: FormatSpec | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("填报说明")
        self.resize(760, 640)
        browser = QTextBrowser()
        browser.setHtml(guide_html(spec or builtin_formats()[max(builtin_formats())]))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)


def about_text() -> str:
    formats = "<br>".join(html.escape(s.label) for s in builtin_formats().values())
    return (f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>政府信息公开工作年度报告的填写、校验与导出。</p>"
            f"<p>支持的报告格式：<br>{formats}</p>"
            "<p>本程序不需要联网，报告只保存在您自己的电脑上。</p>")
