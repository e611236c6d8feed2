from django import forms
from django.contrib.auth.forms import AuthenticationForm

from scorecards.presentation import Filters, dot_key


class SignInForm(AuthenticationForm):
    """Django's sign-in form with errors in the GOV.UK style: say what to do, field by field."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.error_messages["invalid_login"] = (
            "Enter a correct username and password. Both are case-sensitive."
        )





class ScorecardFilterForm(forms.Form):
    """The filters above the scorecard table: a plain GET form, no JavaScript."""

    section = forms.ChoiceField(required=False, label="Section")
    rag = forms.ChoiceField(
        required=False,
        label="Rating (RAG)",
        choices=[("", "Any rating"), ("red", "Red"), ("amber", "Amber"), ("green", "Green"), ("none", "No rating")],
    )
    dot = forms.ChoiceField(required=False, label="Direction of travel")
    exceptions = forms.BooleanField(
        required=False, label="Exceptions only: red, or declined in each of the last two periods"
    )

    def __init__(self, *args, sections: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "All sections"), *[(title, title) for title in sections]]
        self.fields["dot"].choices = [
            ("", "Any direction"),
            *[(item.state, f"{item.glyph} {item.words}") for item in dot_key()],
            ("none", "No direction of travel"),
        ]

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        return Filters(**self.cleaned_data)
