"""The examples in the package's docstrings run and print what they say."""

import doctest

import pytest

import s2cells
import s2cells._regions
import s2cells.keys
import s2cells.ml


@pytest.mark.parametrize("module", [s2cells, s2cells._regions, s2cells.keys, s2cells.ml],
                         ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
