"""A content tree with one mistake per file, each of a different kind, and what must be reported."""

import re

GOOD_PARTNER = "kind: country\nregion: asia-pacific\nname:\n  vi: Nhật Bản\n  en: Japan\n"


def article(**fields) -> str:
    lines = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return f"---\n{lines}---\nBody.\n"


FILES: dict[str, str | bytes] = {
    "content/data/partners/jp.yml": GOOD_PARTNER,
    "content/data/partners/undp.yml": "kind: organisation\nregion: global\nname:\n  en: UNDP\n",
    "content/news/2015/missing-title.vi.md": article(date="2015-03-06"),
    "content/news/2015/bad-date.vi.md": article(title="A", date="06/03/2015"),
    "content/news/2015/impossible-date.vi.md": article(title="A", date="2015-02-30"),
    "content/news/2015/typo-field.vi.md": article(titel="A", title="A", date="2015-03-06"),
    "content/news/2015/unknown-partner.vi.md": article(title="A", date="2015-03-06", partners="[jpn]"),
    "content/news/2015/bad-status.vi.md": article(title="A", date="2015-03-06", status="pending"),
    "content/news/2015/hợp-tác.vi.md": article(title="A", date="2015-03-06"),
    "content/news/2015/wrong-lang.vn.md": article(title="A", date="2015-03-06"),
    "content/news/2015/pair-dates.vi.md": article(title="A", date="2015-03-06"),
    "content/news/2015/pair-dates.en.md": article(title="A", date="2015-03-07"),
    "content/news/no-year.vi.md": article(title="A", date="2015-03-06"),
    "content/news/2016/wrong-year.vi.md": article(title="A", date="2015-03-06"),
    "content/press/2015/no-number.vi.md": article(title="A", date="2015-03-06"),
    "content/news/2015/yaml-error.vi.md": "---\ntitle: [A\ndate: 2015-03-06\n---\nBody\n",
    "content/news/2015/naive-embargo.vi.md": article(title="A", date="2015-03-06", publish_at="2015-03-06T09:00:00"),
    "content/news/2015/not-utf8.vi.md": b"---\ntitle: Lu\xe2t\ndate: 2015-03-06\n---\n",
    "content/news/2015/no-front-matter.vi.md": "Just a body.\n",
    "content/news/2015/update-no-note.vi.md": article(title="A", date="2015-03-06", updated="2015-04-01"),
    "content/blog/2015/stray.vi.md": article(title="A", date="2015-03-06"),
    "content/news/2015/duplicate-key.vi.md": article(title="A", date="2015-03-06") .replace("date:", "title: B\ndate:"),
    "content/law/zz.vi.md": article(title="A", date="2015-03-06"),
    "content/data/agreements/unknown-party.yml": "title: {vi: A, en: A}\ntype: mou\npartners: [jpp]\nvalidity: negotiating\n",
    "content/data/projects/bad-dates.yml": "title: {vi: A, en: A}\ndonor: jp\nstart: 2015-04-01\nend: 2014-04-01\nphase: ongoing\n",
    "content/data/events/no-vi-title.yml": "title: {en: Forum}\ntype: forum\nstart: 2015-12-08\nplace: {vi: Hà Nội}\nproject: jica\n",
    "content/data/events/wrong-lang-key.yml": "title: {vi: A, eng: A}\ntype: forum\nstart: 2015-12-32\nplace: {vi: Hà Nội}\n",
    "content/data/partners/jp.yaml": GOOD_PARTNER,
    "content/data/partners/Kr.yml": GOOD_PARTNER,
    "content/data/treaties/x.yml": GOOD_PARTNER,
    "content/news/2015/script.vi.md": article(title="A", date="2015-03-06") + "Hello <script>alert(1)</script>\n",
    "content/news/2015/iframe.vi.md": article(title="A", date="2015-03-06") + "\n<iframe src=\"https://example.org\"></iframe>\n",
    "content/news/2015/js-link.vi.md": article(title="A", date="2015-03-06") + "See [the text](javascript:alert(1)).\n",
    "content/news/2015/event-attribute.vi.md": article(title="A", date="2015-03-06") + "A paragraph.\n{: onclick=\"alert(1)\" }\n",
    "content/news/2015/data-link.vi.md": article(title="A", date="2015-03-06") + "See [the text][x].\n\n[x]: data:text/html;base64,PHNjcmlwdD4=\n",
    "content/news/2015/windows-1258.vi.md": "---\ntitle: H\u00e0 N\u00f4\u0323i\ndate: 2015-03-06\n---\n".encode("cp1258"),
    "content/news/2015/empty.vi.md": b"",
    "content/news/2015/huge.vi.md": article(title="A", date="2015-03-06") + "Lorem ipsum dolor. " * 280_000,
    "content/news/2015/list-front-matter.vi.md": "---\n- title: A\n- date: 2015-03-06\n---\nBody.\n",
    "content/news/2016/same-slug.vi.md": article(title="A", date="2016-03-06"),
    "content/news/2015/same-slug.vi.md": article(title="A", date="2015-03-06"),
    "content/news/2015/blank-title.vi.md": article(title="'   '", date="2015-03-06"),
    "content/news/2015/repeated-tag.vi.md": article(title="A", date="2015-03-06", tags="[luật, luật]"),
    "content/news/2015/move-onto-live.vi.md": article(title="A", date="2015-03-06", moved_from="[news/2015/pair-dates]"),
    "content/news/2015/early-update.vi.md": article(title="A", date="2015-03-06", updated="2015-01-01", change_note="x"),
    "content/news/2015/tab-indent.vi.md": "---\ntitle: A\ndate: 2015-03-06\ntags:\n\t- a\n---\nBody.\n",
    "content/press/2015/numbers.vi.md": article(title="A", date="2015-03-06", number="15/TCBC-BTP"),
    "content/press/2015/numbers.en.md": article(title="A", date="2015-03-06", number="16/TCBC-BTP"),
    "content/plans/no-tasks.vi.md": article(title="A", date="2017-01-01", period="2017-2020", decision="{number: 1/QĐ-BTP, date: 2017-01-01}", tasks="[]"),
    "content/data/partners/typo.yml": GOOD_PARTNER + "regoin: asia-pacific\n",
    "content/data/partners/list.yml": "- kind: country\n- name: {vi: A}\n",
    "content/data/partners/bad-site.yml": GOOD_PARTNER + "website: htp//moj.go.jp\n",
    "content/data/events/negative.yml": "title: {vi: A, en: A}\ntype: forum\nstart: 2015-12-08\nplace: {vi: Hà Nội}\nparticipants: -5\n",
    "content/data/projects/overdone.yml": "title: {vi: A, en: A}\ndonor: jp\nstart: 2015-04-01\nphase: ongoing\nprogress: 150\n",
    "content/plans/bad-task.vi.md": article(
        title="A", date="2017-01-01", period="2017-2020", decision="{number: 1/QĐ-BTP, date: 2017-01-01}",
        tasks="\n  - {title: T, lead: L, timeframe: 2017, status: late}",
    ),
}

EXPECTED: list[tuple[str, int | None, str | None, str]] = [
    # (file, line of the mistake, field, a phrase of the message), one row per problem. The line is counted
    # by hand in FILES above; None where the mistake is on no one line (a missing field, a file name, two
    # fields that disagree). A YAML syntax error is on the line where the parser finds it.
    ("content/data/partners/undp.yml", 3, "name", "'vi' text is required"),
    ("content/news/2015/missing-title.vi.md", None, "title", "required field is missing"),
    ("content/news/2015/bad-date.vi.md", 3, "date", "YYYY-MM-DD"),
    ("content/news/2015/impossible-date.vi.md", 3, "date", "not a real calendar date"),
    ("content/news/2015/typo-field.vi.md", 2, "titel", "did you mean `title`"),
    ("content/news/2015/unknown-partner.vi.md", 4, "partners.0", "did you mean jp"),
    ("content/news/2015/bad-status.vi.md", 4, "status", "'published' or 'draft'"),
    ("content/news/2015/hợp-tác.vi.md", None, None, "lowercase ASCII"),
    ("content/news/2015/wrong-lang.vn.md", None, None, "unknown language 'vn'"),
    ("content/news/2015/pair-dates.vi.md", 3, "date", "must agree"),
    ("content/news/no-year.vi.md", None, None, "content/news/<YYYY>/<slug>.<lang>.md"),
    ("content/news/2016/wrong-year.vi.md", 3, "date", "move the file to content/news/2015/"),
    ("content/press/2015/no-number.vi.md", None, "number", "required field is missing"),
    ("content/news/2015/yaml-error.vi.md", 3, None, "YAML syntax error"),
    ("content/news/2015/naive-embargo.vi.md", 4, "publish_at", "no time zone"),
    ("content/news/2015/not-utf8.vi.md", 2, None, "not UTF-8"),
    ("content/news/2015/no-front-matter.vi.md", 1, None, "front matter missing"),
    ("content/news/2015/update-no-note.vi.md", None, None, "`updated` and `change_note` go together"),
    ("content/blog/2015/stray.vi.md", None, None, "not in a known section"),
    ("content/news/2015/duplicate-key.vi.md", 3, "title", "appears twice"),
    ("content/law/zz.vi.md", None, None, "no partner 'zz'"),
    ("content/plans/bad-task.vi.md", 7, "tasks.0.status", "'planned', 'ongoing' or 'done'"),
    ("content/data/agreements/unknown-party.yml", 3, "partners.0", "unknown partner id 'jpp': did you mean jp?"),
    ("content/data/projects/bad-dates.yml", None, None, "`end` (2014-04-01) is before `start`"),
    ("content/data/events/no-vi-title.yml", 1, "title", "'vi' text is required"),
    ("content/data/events/wrong-lang-key.yml", 1, "title", "unknown language 'eng'"),
    ("content/data/events/wrong-lang-key.yml", 3, "start", "not a real calendar date"),
    ("content/data/partners/jp.yaml", None, None, "expected content/data/<collection>/<id>.yml"),
    ("content/data/partners/Kr.yml", None, None, "must be lowercase ASCII"),
    ("content/data/treaties/x.yml", None, None, "expected content/data/<collection>/<id>.yml"),
    ("content/news/2015/script.vi.md", 6, None, "raw HTML `<script>` is not allowed"),
    ("content/news/2015/iframe.vi.md", 7, None, "raw HTML `<iframe>` is not allowed"),
    ("content/news/2015/js-link.vi.md", 6, None, "the link address 'javascript:alert(1)' is not allowed"),
    ("content/news/2015/event-attribute.vi.md", 7, None, "attribute lists such as"),
    ("content/news/2015/data-link.vi.md", 8, None, "the link address 'data:"),
    ("content/news/2015/windows-1258.vi.md", 2, None, "not UTF-8"),
    ("content/news/2015/empty.vi.md", None, None, "file is empty"),
    ("content/news/2015/huge.vi.md", None, None, "over the 2048 KiB limit"),
    ("content/news/2015/list-front-matter.vi.md", 2, None, "expected YAML fields (`name: value` lines), found list"),
    ("content/news/2016/same-slug.vi.md", None, None, "already used by news/2015/same-slug"),
    ("content/news/2015/blank-title.vi.md", 2, "title", "is empty"),
    ("content/news/2015/repeated-tag.vi.md", 4, "tags", "listed more than once: luật"),
    ("content/news/2015/move-onto-live.vi.md", 4, "moved_from.0", "address of a live page"),
    ("content/news/2015/early-update.vi.md", None, None, "is before `date`"),
    ("content/news/2015/tab-indent.vi.md", 5, None, "YAML syntax error"),
    ("content/press/2015/numbers.vi.md", 4, "number", "must agree"),
    ("content/plans/no-tasks.vi.md", 6, "tasks", "needs at least 1 item"),
    ("content/data/partners/typo.yml", 6, "regoin", "did you mean `region`"),
    ("content/data/partners/list.yml", 1, None, "found list"),
    ("content/data/partners/bad-site.yml", 6, "website", "must be a web address starting with https://"),
    ("content/data/events/negative.yml", 5, "participants", "greater than or equal to 1"),
    ("content/data/projects/overdone.yml", 5, "progress", "less than or equal to 100"),
]


def reported_once(report: str, file: str, line: int | None, field: str | None, phrase: str) -> bool:
    """Whether the printed ``report`` has exactly one line ``  file:LINE [field]: …phrase…`` (any line, or
    none, where ``line`` is None; no brackets where ``field`` is None)."""
    where = re.escape(file) + (r"(:\d+)?" if line is None else f":{line}")
    where += rf" \[{re.escape(field)}\]" if field else ""
    pattern = re.compile(rf"^  {where}: .*{re.escape(phrase)}", re.M)
    return len(pattern.findall(report)) == 1
