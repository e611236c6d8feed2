from django import template

from accounts.roles import can as can_do

register = template.Library()


@register.filter
def can(user, action: str) -> bool:
    """`{% if request.user|can:"enter_figures" %}`: the same rule the views apply."""
    return can_do(user, action)
