"""Leak-scan canary: unpublished items planted in every collection, quoted by a public page, are all caught."""

from __future__ import annotations

from conftest import copy_project, run_build, write

JP = "kind: country\nregion: asia-pacific\nname: {vi: Nhật Bản, en: Japan}\n"
PLANTED = {
    # source → (file text, the distinctive title a public page will quote)
    "content/news/2016/tin-noi-bo.vi.md": ("---\ntitle: {t}\ndate: 2016-01-01\nclassification: internal\n---\nNội dung.\n", "Báo cáo mật về đàm phán thứ nhất"),
    "content/press/2016/thong-cao-cam.vi.md": ("---\ntitle: {t}\ndate: 2016-01-02\nnumber: 1/TCBC-BTP\npublish_at: 2030-01-01T09:00:00+07:00\n---\nNội dung.\n", "Thông cáo chưa đến giờ công bố"),
    "content/plans/ke-hoach-nhap.vi.md": ("---\ntitle: {t}\ndate: 2016-01-03\nstatus: draft\nperiod: 2016\ndecision: {{number: 1/QĐ-BTP, date: 2016-01-03}}\ntasks:\n  - {{title: T, lead: L, timeframe: '2016', status: planned}}\n---\nNội dung.\n", "Dự thảo kế hoạch chưa phê duyệt"),
    "content/law/jp.vi.md": ("---\ntitle: {t}\ndate: 2016-01-04\nclassification: internal\n---\nNội dung.\n", "Ghi chú nội bộ về pháp luật Nhật Bản"),
    "content/data/partners/kr.yml": ("kind: country\nregion: asia-pacific\nclassification: internal\nname: {{vi: '{t}', en: Korea}}\n", "Đối tác đang bàn thảo bí mật"),
    "content/data/agreements/hiep-dinh-nhap.yml": ("title: {{vi: '{t}'}}\ntype: treaty\npartners: [jp]\nvalidity: negotiating\nstatus: draft\n", "Hiệp định đang đàm phán kín"),
    "content/data/projects/du-an-noi-bo.yml": ("title: {{vi: '{t}'}}\ndonor: jp\nstart: 2016-01-01\nphase: planned\nclassification: internal\n", "Dự án chưa được phép công bố"),
    "content/data/experts/chuyen-gia-nhap.yml": ("name: '{t}'\nrole: {{vi: Chuyên gia}}\naffiliation: {{vi: Bộ Tư pháp}}\nfields: [civil]\nlanguages: [vi]\nstatus: draft\n", "Chuyên gia Giấu Tên Thử Nghiệm"),
    "content/data/events/hoi-nghi-cam.yml": ("title: {{vi: '{t}'}}\ntype: meeting\nstart: 2016-02-01\nplace: {{vi: Hà Nội}}\npublish_at: 2030-01-01T09:00:00+07:00\n", "Cuộc họp kín chưa công bố"),
}


def test_every_planted_unpublished_item_quoted_by_a_public_page_is_caught(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    files = {"content/data/partners/jp.yml": JP}
    files |= {source: text.format(t=title) for source, (text, title) in PLANTED.items()}
    quotes = " ".join(f"«{title}»." for _, title in PLANTED.values())
    files["content/news/2016/tin-cong-khai.vi.md"] = f"---\ntitle: Tin công khai\ndate: 2016-03-01\npartners: [jp]\n---\nTin này trích dẫn {quotes}\n"
    write(project, files)
    build = run_build(project)
    assert build.returncode != 0
    for source in PLANTED:
        assert f"from unpublished {source}" in build.log, f"leak of {source} not caught:\n{build.log[-3000:]}"
    assert "news/2016/tin-cong-khai/index.html" in build.log and "pagefind/fragment/" in build.log
    assert not (project / "site").exists() and not (project / "site.partial").exists()
    assert run_build(project, internal=True).returncode == 0
