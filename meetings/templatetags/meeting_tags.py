from django import template
from django.utils.safestring import mark_safe

from meetings.document_text import render_document_text
from meetings.models import Document, Meeting

register = template.Library()


@register.filter
def document_name(document: Document) -> str:
    """"Appendix A: Performance report"; the title alone when it already names itself
    ("Appendix A – Corporate Parenting ..." as the packs print it)."""
    kind = document.get_kind_display()
    if document.title.casefold().startswith(kind.split()[0].casefold()):
        return document.title
    return f"{kind} {document.label}: {document.title}" if document.label else f"{kind}: {document.title}"


@register.filter
def venue(meeting: Meeting) -> str:
    """"Town Hall, Moorgate Street"; "Microsoft Teams Virtual Meeting"; "Virtual meeting" when
    nothing more is printed; said once."""
    if meeting.venue:
        return meeting.venue if not meeting.is_virtual or "virtual" in meeting.venue.casefold() else f"{meeting.venue} (virtual)"
    return "Virtual meeting" if meeting.is_virtual else "Not given"


@register.filter
def document_text(text: str | None) -> str:
    """A written document as safe HTML (meetings.document_text: Markdown, then nh3)."""
    return mark_safe(render_document_text(text)) if text else ""
