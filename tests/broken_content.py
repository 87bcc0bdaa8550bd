"""A content tree with one mistake per file, each of a different kind, and what must be reported."""

import re
import stat

from conftest import Special, Symlink

GOOD_PARTNER = "kind: country\nregion: asia-pacific\nname:\n  vi: Nhật Bản\n  en: Japan\n"
PROJECT = "title: {vi: A, en: A}\ndonor: jp\nstart: 2015-04-01\nphase: ongoing\n"
EVENT = "title: {vi: A, en: A}\ntype: forum\nstart: 2015-12-08\nplace: {vi: Hà Nội}\n"


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
    "content/news/2015/duplicate-key.vi.md": article(title="A", date="2015-03-06").replace("date:", "title: B\ndate:"),
    "content/law/zz.vi.md": article(title="A", date="2015-03-06"),
    "content/data/agreements/unknown-party.yml": "title: {vi: A, en: A}\ntype: mou\npartners: [jpp]\n"
    "validity: negotiating\n",
    "content/data/projects/bad-dates.yml": "title: {vi: A, en: A}\ndonor: jp\nstart: 2015-04-01\n"
    "end: 2014-04-01\nphase: ongoing\n",
    "content/data/events/no-vi-title.yml": "title: {en: Forum}\ntype: forum\nstart: 2015-12-08\n"
    "place: {vi: Hà Nội}\nproject: jica\n",
    "content/data/events/wrong-lang-key.yml": "title: {vi: A, eng: A}\ntype: forum\nstart: 2015-12-32\n"
    "place: {vi: Hà Nội}\n",
    "content/data/partners/jp.yaml": GOOD_PARTNER,
    "content/data/partners/Kr.yml": GOOD_PARTNER,
    "content/data/treaties/x.yml": GOOD_PARTNER,
    "content/news/2015/script.vi.md": article(title="A", date="2015-03-06") + "Hello <script>alert(1)</script>\n",
    "content/news/2015/iframe.vi.md": article(title="A", date="2015-03-06")
    + '\n<iframe src="https://example.org"></iframe>\n',
    "content/news/2015/js-link.vi.md": article(title="A", date="2015-03-06") + "See [the text](javascript:alert(1)).\n",
    "content/news/2015/event-attribute.vi.md": article(title="A", date="2015-03-06")
    + 'A paragraph.\n{: onclick="alert(1)" }\n',
    "content/news/2015/data-link.vi.md": article(title="A", date="2015-03-06")
    + "See [the text][x].\n\n[x]: data:text/html;base64,PHNjcmlwdD4=\n",
    "content/news/2015/windows-1258.vi.md": "---\ntitle: H\u00e0 N\u00f4\u0323i\ndate: 2015-03-06\n---\n".encode(
        "cp1258"
    ),
    "content/news/2015/empty.vi.md": b"",
    "content/news/2015/huge.vi.md": article(title="A", date="2015-03-06") + "Lorem ipsum dolor. " * 280_000,
    "content/news/2015/list-front-matter.vi.md": "---\n- title: A\n- date: 2015-03-06\n---\nBody.\n",
    "content/news/2016/same-slug.vi.md": article(title="A", date="2016-03-06"),
    "content/news/2015/same-slug.vi.md": article(title="A", date="2015-03-06"),
    "content/news/2015/blank-title.vi.md": article(title="'   '", date="2015-03-06"),
    "content/news/2015/repeated-tag.vi.md": article(title="A", date="2015-03-06", tags="[luật, luật]"),
    "content/news/2015/move-onto-live.vi.md": article(
        title="A", date="2015-03-06", moved_from="[news/2015/pair-dates]"
    ),
    "content/news/2015/early-update.vi.md": article(
        title="A", date="2015-03-06", updated="2015-01-01", change_note="x"
    ),
    "content/news/2015/tab-indent.vi.md": "---\ntitle: A\ndate: 2015-03-06\ntags:\n\t- a\n---\nBody.\n",
    "content/press/2015/numbers.vi.md": article(title="A", date="2015-03-06", number="15/TCBC-BTP"),
    "content/press/2015/numbers.en.md": article(title="A", date="2015-03-06", number="16/TCBC-BTP"),
    "content/plans/no-tasks.vi.md": article(
        title="A", date="2017-01-01", period="2017-2020", decision="{number: 1/QĐ-BTP, date: 2017-01-01}", tasks="[]"
    ),
    "content/data/partners/typo.yml": GOOD_PARTNER + "regoin: asia-pacific\n",
    "content/data/partners/list.yml": "- kind: country\n- name: {vi: A}\n",
    "content/data/partners/bad-site.yml": GOOD_PARTNER + "website: htp//moj.go.jp\n",
    "content/data/events/negative.yml": "title: {vi: A, en: A}\ntype: forum\nstart: 2015-12-08\n"
    "place: {vi: Hà Nội}\nparticipants: -5\n",
    "content/data/projects/overdone.yml": "title: {vi: A, en: A}\ndonor: jp\nstart: 2015-04-01\n"
    "phase: ongoing\nprogress: 150\n",
    "content/data/partners/kp.yml": GOOD_PARTNER + "classification: internal\n",
    "content/data/partners/la.yml": GOOD_PARTNER + "status: draft\n",
    "content/news/2015/names-internal.vi.md": article(title="A", date="2015-03-06", partners="[jp, kp]"),
    "content/data/agreements/names-draft.yml": "title: {vi: A}\ntype: mou\npartners: [la]\nvalidity: negotiating\n",
    "content/plans/bad-task.vi.md": article(
        title="A",
        date="2017-01-01",
        period="2017-2020",
        decision="{number: 1/QĐ-BTP, date: 2017-01-01}",
        tasks="\n  - {title: T, lead: L, timeframe: 2017, status: late}",
    ),
    "outside.md": article(title="Outside the repository", date="2015-03-06"),
    "content/news/2015/linked.vi.md": Symlink("../../../outside.md"),
    "content/news/2019": Symlink("2015"),
    "content/news/2015/pipe.vi.md": Special(stat.S_IFIFO),
    "content/data/events/socket.yml": Special(stat.S_IFSOCK),
    "content/data/partners/bomb.yml": "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefghi", "bcdefghij", strict=False)),
    "content/news/2015/recursive.vi.md": "---\ntitle: &t [*t]\ndate: 2015-03-06\n---\nBody.\n",
    "content/data/partners/deep.yml": GOOD_PARTNER + "summary: {vi: " + "[" * 50 + "]" * 50 + "}\n",
    "content/news/2015/bell.vi.md": "---\ntitle: Hội\x07 nghị\ndate: 2015-03-06\n---\nBody.\n",
    "content/news/2015/escape-in-body.vi.md": article(title="A", date="2015-03-06") + "Text \x1b[31m red.\n",
    "content/data/partners/escaped.yml": 'kind: country\nregion: asia-pacific\nname:\n  vi: "Nhật\\x07Bản"\n'
    '  en: "Japan\\u0085"\n',
    "content/data/partners/raw-c1.yml": "kind: country\nregion: asia-pacific\nname: {vi: Nhật\x9b, en: Japan}\n",
    "content/data/projects/infinite.yml": PROJECT.replace("start:", "budget: {amount: .inf, currency: USD}\nstart:"),
    "content/data/projects/thirty-one-digits.yml": (
        PROJECT + f"budget:\n  amount: {'1234567890' * 3}1\n  currency: USD\n"
    ),
    "content/data/events/endless.yml": EVENT.replace("place:", "end: 9999-12-31\nplace:"),
    "content/data/events/crowd.yml": EVENT + "participants: 10000000000\n",
    "content/news/1900/too-old.vi.md": article(title="A", date="1900-01-01"),
    "content/news/2015/far-embargo.vi.md": article(title="A", date="2015-03-06", publish_at="9999-12-31T23:59:59Z"),
    "content/news/2015/zero-width.vi.md": article(title="\u200b\u200b", date="2015-03-06"),
    "content/news/2015/filler.vi.md": article(title="\u3164", date="2015-03-06"),
    "content/data/partners/invisible.yml": 'kind: country\nregion: asia-pacific\nname:\n  vi: "\u200b"\n  en: Japan\n',
    "content/news/2015/brackets.vi.md": article(title="A", date="2015-03-06") + "Intro.\n\n" + "[" * 40_000 + "\n",
    "content/news/2015/nested.vi.md": (
        article(title="A", date="2015-03-06") + "".join("    " * i + "- a\n" for i in range(12))
    ),
    "content/news/2015/string-list.vi.md": article(title="A", date="2015-03-06", partners="jp, xx", events="[nope]"),
    "content/press/2015/unfilled.vi.md": article(
        title="A", date="2015-03-06", number="TODO release number, e.g. 15/TCBC-BTP"
    ).replace("Body.", "TODO: write the release here."),
    "content/news/2015/twice-and-missing.vi.md": "---\ntitle: A\ntitle: B\n---\nBody.\n",
    "content/news/2015/html-and-missing.vi.md": "---\ndate: 2015-03-06\n---\n<b>bold</b>\n",
    "content/data/partners/Bad_Id.yml": GOOD_PARTNER + "regoin: asia-pacific\n",
    "content/news/misplaced-untitled.vi.md": article(date="2015-03-06"),
    "content/news/2015/move-onto-build.vi.md": article(
        title="A", date="2015-03-06", moved_from="[en, news/page/2, statistics, en/news/2015/a]"
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
    ("content/data/events/no-vi-title.yml", 5, "project", "unknown project id 'jica'"),
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
    ("content/news/2015/linked.vi.md", None, None, "is a symbolic link"),
    ("content/news/2019", None, None, "is a symbolic link"),
    ("content/news/2015/pipe.vi.md", None, None, "is not a regular file"),
    ("content/data/events/socket.yml", None, None, "is not a regular file"),
    ("content/data/partners/bomb.yml", 2, None, "YAML aliases"),
    ("content/news/2015/recursive.vi.md", 2, None, "YAML aliases"),
    ("content/data/partners/deep.yml", 6, None, "nested more than 10 levels"),
    ("content/news/2015/bell.vi.md", 2, "title", "control character U+0007"),
    ("content/news/2015/escape-in-body.vi.md", 6, None, "control character U+001B"),
    ("content/data/partners/escaped.yml", 4, "name.vi", "control character U+0007"),
    ("content/data/partners/escaped.yml", 5, "name.en", "control character U+0085"),
    ("content/data/partners/raw-c1.yml", 3, "name.vi", "control character U+009B"),
    ("content/data/projects/infinite.yml", 3, "budget.amount", "finite number"),
    ("content/data/projects/thirty-one-digits.yml", 6, "budget.amount", "less than or equal to 1000000000000000"),
    ("content/data/events/endless.yml", 4, "end", "outside 1945–2100"),
    ("content/data/events/crowd.yml", 5, "participants", "less than or equal to 1000000"),
    ("content/news/1900/too-old.vi.md", 3, "date", "outside 1945–2100"),
    ("content/news/2015/far-embargo.vi.md", 4, "publish_at", "outside 1945–2100"),
    ("content/news/2015/zero-width.vi.md", 2, "title", "invisible character U+200B"),
    ("content/news/2015/filler.vi.md", 2, "title", "no visible character"),
    ("content/data/partners/invisible.yml", 4, "name.vi", "invisible character U+200B"),
    ("content/news/2015/brackets.vi.md", 8, None, "brackets"),
    ("content/news/2015/nested.vi.md", 17, None, "nested more than 10 levels"),
    ("content/news/2015/string-list.vi.md", 4, "partners", "write it as a list: [jp, xx]"),
    ("content/news/2015/string-list.vi.md", 5, "events.0", "unknown event id 'nope'"),
    ("content/press/2015/unfilled.vi.md", 4, "number", "TODO"),
    ("content/press/2015/unfilled.vi.md", 6, None, "TODO"),
    ("content/news/2015/twice-and-missing.vi.md", 3, "title", "appears twice"),
    ("content/news/2015/twice-and-missing.vi.md", None, "date", "required field is missing"),
    ("content/news/2015/html-and-missing.vi.md", 4, None, "raw HTML"),
    ("content/news/2015/html-and-missing.vi.md", None, "title", "required field is missing"),
    ("content/data/partners/Bad_Id.yml", None, None, "must be lowercase ASCII"),
    ("content/data/partners/Bad_Id.yml", 6, "regoin", "did you mean `region`"),
    ("content/news/misplaced-untitled.vi.md", None, None, "content/news/<YYYY>/<slug>.<lang>.md"),
    ("content/news/misplaced-untitled.vi.md", None, "title", "required field is missing"),
    ("content/news/2015/move-onto-build.vi.md", 4, "moved_from.0", "the English home page"),
    ("content/news/2015/move-onto-build.vi.md", 4, "moved_from.1", "the news section's index"),
    ("content/news/2015/move-onto-build.vi.md", 4, "moved_from.2", "the statistics page"),
    ("content/news/2015/move-onto-build.vi.md", 4, "moved_from.3", "inside /en/"),
    (
        "content/news/2015/names-internal.vi.md",
        4,
        "partners.1",
        "partner 'kp' is internal: remove it from `partners`, or make this article internal too",
    ),
    (
        "content/data/agreements/names-draft.yml",
        3,
        "partners.0",
        "partner 'la' is a draft: remove it from `partners`, or publish it",
    ),
]


def reported_once(report: str, file: str, line: int | None, field: str | None, phrase: str) -> bool:
    """Whether the printed ``report`` has exactly one line ``  file:LINE [field]: …phrase…`` (any line, or
    none, where ``line`` is None; no brackets where ``field`` is None)."""
    where = re.escape(file) + (r"(:\d+)?" if line is None else f":{line}")
    where += rf" \[{re.escape(field)}\]" if field else ""
    pattern = re.compile(rf"^  {where}: .*{re.escape(phrase)}", re.M)
    return len(pattern.findall(report)) == 1
