from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    """Django's sign-in form with errors in the GOV.UK style: say what to do, field by field.

    The page renders it with {{ form }}: the GOV.UK markup comes from templates/django/forms/.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.error_messages["invalid_login"] = (
            "Enter a correct username and password. Both are case-sensitive."
        )
        username = self.fields["username"].widget.attrs
        # Django autofocuses the username; GOV.UK pages do not move focus on load.
        username.pop("autofocus", None)
        username.update({"class": "govuk-!-width-two-thirds", "spellcheck": "false"})
        self.fields["password"].widget.attrs["class"] = "govuk-!-width-two-thirds"
