"""The README's Python example works as written."""

import contextlib
import io
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))


def python_blocks(path):
    with open(path) as f:
        text = f.read()
    return re.findall(r"```python\n(.*?)```", text, re.S)


import pytest

REPO = os.path.dirname(os.path.dirname(HERE))


@pytest.mark.parametrize("readme", ["python/README.md", "README.md"])
def test_readme_python_example_runs_and_prints_what_it_says(readme):
    blocks = python_blocks(os.path.join(REPO, readme))
    assert blocks
    code = blocks[0]
    assert len(code.strip().splitlines()) <= 10
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    lines = out.getvalue().splitlines()
    # Each print's trailing comment, where it shows the output, is that output.
    shown = [m.group(1) for m in re.finditer(r"print\(.*\)\s*# (\[.*\])$", code, re.M)]
    for want in shown:
        assert want in lines, (want, lines)
    assert lines[0] == "['951977d34' '47e66e1dc' '6018f2554']"
