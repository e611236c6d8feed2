"""pytest imports test files by their base name (the tests folders are not packages): two files
of one name in different folders stop the whole run with "import file mismatch"."""

from collections import Counter
from pathlib import Path


def test_no_two_test_files_share_a_name():
    names = Counter(path.name for path in Path(__file__).parent.rglob("test_*.py"))
    assert [name for name, count in names.items() if count > 1] == []
