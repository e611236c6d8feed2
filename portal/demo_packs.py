"""The demo's agenda pack papers (issue 16 part 8): the Corporate Parenting Panel of 2 March 2021
gets short demo documents, clearly labelled as demo text since the council's own papers are not
held, so `make run` can publish its pack (`manage.py publish_pack`, Makefile's demo step).

Item 2 carries the minutes of 5 January 2021 and item 8 the December 2020 scorecard as they are;
items 5, 6 and 7 get a demo cover report, item 9 is marked to follow (its inspection report is
not held), and item 10, exempt under paragraphs 1 and 2, a demo document. Running it again
changes nothing.
"""

from __future__ import annotations

import datetime

from meetings.models import AgendaItem, Document
from meetings.vocabulary import DocumentKind

DEMO_PACK_MEETING = ("corporate-parenting-panel", datetime.date(2021, 3, 2))
REASON = "load_demo: demo papers for the agenda pack"
# After any paper a test or an advisor adds (order 1, 2, ...): the demo's come last.
DEMO_ORDER = 90
DEMO_NOTE = "**Demo text.** This is not the council's paper: the demonstration's own short text, written for the demo pack."
DEMO_PAPERS = {
    5: (DocumentKind.PRESENTATION, "Ofsted presentation (demo text)",
        "The focused visit looked at the help and protection of children and at care leavers. "
        "The presentation summarises the findings and the actions the service is taking."),
    6: (DocumentKind.COVER_REPORT, "Unregistered and unregulated placements (demo text)",
        "The report sets out how many children were placed in unregistered or unregulated settings this year, "
        "why, and how each placement is overseen until a registered placement is found."),
    7: (DocumentKind.COVER_REPORT, "EU Settlement Scheme update (demo text)",
        "The report gives the progress made in applying for settled status for looked after children and care "
        "leavers who are EU citizens, and the applications still outstanding."),
    10: (DocumentKind.PRESENTATION, "LAC Council update (demo text, exempt)",
         "The Looked After Children's Council's recent activities, with the names of the young people taking part: "
         "exempt under paragraphs 1 and 2 of Part 1 of Schedule 12A."),
}
TO_FOLLOW = (9,)


def add_demo_pack_papers() -> list[str]:
    committee, day = DEMO_PACK_MEETING
    items = {item.number: item for item in AgendaItem.objects.filter(meeting__committee__slug=committee, meeting__date=day)}
    added = 0
    for number, (kind, title, text) in DEMO_PAPERS.items():
        _, created = Document.objects.get_or_create(
            agenda_item=items[number], order=DEMO_ORDER,
            defaults={"kind": kind, "title": title, "text": f"{DEMO_NOTE}\n\n{text}"},
        )
        added += created
    for number in TO_FOLLOW:
        item = items[number]
        if not item.to_follow:
            item.to_follow = True
            item._change_reason = REASON
            item.save()
    return [f"Demo pack papers: {added} added to the meeting of {day:%-d %B %Y}."] if added else []
