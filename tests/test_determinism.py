"""Rebuilding the same content gives byte-identical output, whatever the folder or the hour."""

from __future__ import annotations

from conftest import SAMPLE_URL, copy_project, run_build


def test_two_builds_of_the_sample_are_byte_identical(sample_build, tmp_path):
    again = run_build(copy_project(tmp_path / "elsewhere"), site_url=SAMPLE_URL, now="2026-11-23T08:30:00+07:00")
    assert again.returncode == 0, again.log
    first = {path.relative_to(sample_build.site): path for path in sample_build.site.rglob("*") if path.is_file()}
    second = {path.relative_to(again.site): path for path in again.site.rglob("*") if path.is_file()}
    assert first.keys() == second.keys()
    differing = [str(rel) for rel, path in first.items() if path.read_bytes() != second[rel].read_bytes()]
    assert differing == []
    assert len(first) > 200
