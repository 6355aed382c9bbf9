"""Plain-Chinese explanations of file-system failures, for every place that reads or writes files."""

from __future__ import annotations

import errno
from pathlib import Path

_REASONS = {
    errno.EACCES: "没有权限（文件夹可能是只读的，或文件正被其他程序打开）",
    errno.EPERM: "没有权限（文件夹可能是只读的，或文件正被其他程序打开）",
    errno.EROFS: "所在磁盘是只读的",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EBUSY: "文件正被其他程序占用",
}


def describe_os_error(exc: OSError, path: Path | str, action: str) -> str:
    """E.g. "无法保存“报告.nianbao”：磁盘空间已满。" — action is 保存, 打开, 导出…"""
    reason = _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
    # Windows reports a file locked by Excel or WPS as a sharing violation (winerror 32 or 33).
    if getattr(exc, "winerror", None) in (32, 33):
        reason = "文件正被其他程序（如 Excel、WPS）打开，请先关闭它"
    return f"无法{action}“{Path(path).name}”：{reason}。"
