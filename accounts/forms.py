import unicodedata

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db.models import Q

from accounts.models import Person
from accounts.roles import Role
from accounts.services import NEW_PERSON, NewUser, SiteSettingsEdit, UserEdit, role_of


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


# --- Manage users, site settings and password reset (issue 13) ---------------------------------

PERSON_NONE = ""
ROLE_WORDS = {
    Role.COUNCILLOR: "Councillor: published scorecards, like the public",
    Role.PERFORMANCE_OFFICER: "Performance officer: enters and publishes the figures of what they own",
    Role.GOVERNANCE_ADVISOR: "Governance advisor: live figures and meetings",
    Role.ADMIN: "Admin: everything, including these pages",
}
NAME_MAX = 150  # Django's User.first_name and last_name


def refuse_control_characters(label: str):
    """A validator: a tab, newline or other control character in a one-line value is a paste
    gone wrong, and would break the CSV and PDF outputs that print names."""

    def validate(value: str) -> None:
        # A null character is left to Django's own validator on every CharField, so one message shows.
        if any(unicodedata.category(character) == "Cc" and character != "\x00" for character in value):
            raise forms.ValidationError(f"{label} must not contain control characters such as tabs or line breaks")

    return validate


def name_field(label: str, required: bool, max_length: int = NAME_MAX) -> forms.CharField:
    messages = {"required": f"Enter the {label.lower()}",
                "max_length": f"{label} must be {max_length} characters or fewer"}
    return forms.CharField(label=label, required=required, max_length=max_length, error_messages=messages,
                           validators=[refuse_control_characters(label)],
                           widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds", "spellcheck": "false"}))


def email_field(required: bool = True) -> forms.EmailField:
    return forms.EmailField(
        label="Email address", max_length=254, required=required,
        error_messages={"required": "Enter an email address",
                        "invalid": "Enter an email address in the correct format, like name@example.com",
                        "max_length": "Email address must be 254 characters or fewer"},
        widget=forms.EmailInput(attrs={"class": "govuk-!-width-two-thirds", "spellcheck": "false",
                                       "autocomplete": "off"}),
    )


def role_field() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label="Role", choices=list(ROLE_WORDS.items()), coerce=Role, widget=forms.RadioSelect,
        error_messages={"required": "Select a role", "invalid_choice": "Select a role from the list"},
    )


def refuse_shared_email(email: str, user=None) -> str:
    """An address belongs to one account: a reset link sent to it must say whose password it resets."""
    others = get_user_model().objects.filter(email__iexact=email)
    if user is not None:
        others = others.exclude(pk=user.pk)
    if email and others.exists():
        raise forms.ValidationError("Another user already has this email address: each account needs its own")
    return email


class UserFilterForm(forms.Form):
    """The filters above the users table: a plain GET form."""

    role = forms.ChoiceField(required=False, label="Role", choices=[("", "Any role"), *[(r.value, r.value.capitalize()) for r in Role]],
                             error_messages={"invalid_choice": "Select a role from the list"})
    active = forms.ChoiceField(required=False, label="Active", choices=[("", "Active or not"), ("yes", "Active"), ("no", "Deactivated")],
                               error_messages={"invalid_choice": "Select active or deactivated from the list"})


class UserCreateForm(forms.Form):
    SEND_LINK, TYPE_PASSWORD = "link", "password"

    username = name_field("Username", required=True)
    first_name = name_field("First name", required=True)
    last_name = name_field("Last name", required=True)
    email = email_field()
    role = role_field()
    password_choice = forms.ChoiceField(
        label="Password", widget=forms.RadioSelect,
        choices=[(SEND_LINK, "Email them a link to choose their own password"), (TYPE_PASSWORD, "Choose a password for them now")],
        error_messages={"required": "Select how the user gets a password", "invalid_choice": "Select how the user gets a password"},
    )
    password1 = forms.CharField(label="New password", required=False, strip=False,
                                help_text="Only if you choose a password for them: at least 12 characters, "
                                "not a common password and not only numbers.",
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "class": "govuk-!-width-two-thirds"}))
    password2 = forms.CharField(label="Confirm the new password", required=False, strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "class": "govuk-!-width-two-thirds"}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].validators.append(UnicodeUsernameValidator(
            message="Username must contain only letters, numbers and the characters @ . + - _"))
        self.fields["username"].help_text = "What they type to sign in. Letters, numbers and @ . + - _ only."

    def clean_email(self) -> str:
        return refuse_shared_email(self.cleaned_data["email"])

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("A user with that username already exists")
        return username

    def clean(self) -> dict:
        data = super().clean()
        if data.get("password_choice") != self.TYPE_PASSWORD:
            return data
        password1, password2 = data.get("password1"), data.get("password2")
        if not password1:
            self.add_error("password1", "Enter a password")
        if not password2:
            self.add_error("password2", "Enter the password again")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The passwords do not match")
        elif password1 and password2:
            candidate = get_user_model()(username=data.get("username", ""), first_name=data.get("first_name", ""),
                                         last_name=data.get("last_name", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data

    def new_user(self) -> NewUser:
        data = self.cleaned_data
        password = data["password1"] if data["password_choice"] == self.TYPE_PASSWORD else None
        return NewUser(username=data["username"], first_name=data["first_name"], last_name=data["last_name"],
                       email=data["email"], role=data["role"], password=password)


class UserEditForm(forms.Form):
    first_name = name_field("First name", required=True)
    last_name = name_field("Last name", required=True)
    # Optional here: accounts made before the management screens may have none, and an admin
    # must still be able to deactivate them. Without one the user cannot reset a password.
    email = email_field(required=False)
    role = role_field()
    is_active = forms.BooleanField(
        required=False, label="Active: may sign in",
        help_text="Untick to deactivate the account. Accounts are never deleted, so their history keeps its names.",
    )
    person = forms.ChoiceField(
        label="Linked person", required=False,
        help_text="The councillor or officer this account belongs to, as named in memberships and minutes.",
        error_messages={"invalid_choice": "Select a person from the list"},
    )

    def __init__(self, *args, user, editor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.editor = user, editor
        self.fields["email"].help_text = "Optional, but without one they cannot reset a password by email."
        free = Person.objects.filter(Q(user__isnull=True) | Q(user=user)).order_by("name")
        self.fields["person"].choices = [
            (PERSON_NONE, "Not linked"),
            (NEW_PERSON, "A new person with this user's name"),
            *[(str(person.pk), str(person)) for person in free],
        ]

    def clean_email(self) -> str:
        return refuse_shared_email(self.cleaned_data["email"], self.user)

    def clean(self) -> dict:
        data = super().clean()
        # Guard the last way back in: an admin cannot lock themselves out of these pages.
        if self.user.pk == self.editor.pk:
            if "is_active" in data and not data["is_active"]:
                self.add_error("is_active", "You cannot deactivate your own account")
            if data.get("role") not in (None, Role.ADMIN):
                self.add_error("role", "You cannot remove your own admin role")
        return data

    @classmethod
    def initial_for(cls, user) -> dict:
        person = Person.objects.filter(user=user).first()
        return {"first_name": user.first_name, "last_name": user.last_name, "email": user.email,
                "role": role_of(user), "is_active": user.is_active,
                "person": str(person.pk) if person else PERSON_NONE}

    def edit(self) -> UserEdit:
        data = self.cleaned_data
        return UserEdit(first_name=data["first_name"], last_name=data["last_name"], email=data["email"],
                        role=data["role"], is_active=data["is_active"], person=data["person"])


# Draft minutes overdue after 1 to 60 working days (three months): more would flag nothing useful.
DRAFT_MINUTES_DAYS = (1, 60)


class SiteSettingsForm(forms.Form):
    council_name = name_field("Council name", required=True, max_length=200)
    draft_minutes_working_days = forms.CharField(
        label="Draft minutes are overdue after this many working days",
        help_text="Counted from the meeting, weekdays that are not bank holidays. The governance advisor's "
        "home page lists draft minutes older than this. 10 is two working weeks.",
        error_messages={"required": "Enter the number of working days after which draft minutes are overdue"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric", "spellcheck": "false"}),
    )
    reason = forms.CharField(
        label="Reason for the change", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the site settings' history.",
        error_messages={"required": "Enter the reason for the change",
                        "max_length": "Reason must be 1000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council_name"].help_text = "The council's full name, as every page, download and PDF shows it."

    def clean_draft_minutes_working_days(self) -> int:
        text = self.cleaned_data["draft_minutes_working_days"].strip()
        low, high = DRAFT_MINUTES_DAYS
        if not text.isascii() or not text.isdigit():
            raise forms.ValidationError("Working days for draft minutes must be a whole number, like 10")
        if not low <= int(text) <= high:
            raise forms.ValidationError(f"Working days for draft minutes must be between {low} and {high}")
        return int(text)

    def edit(self) -> SiteSettingsEdit:
        data = self.cleaned_data
        return SiteSettingsEdit(council_name=data["council_name"], draft_minutes_working_days=data["draft_minutes_working_days"])


class ResetRequestForm(PasswordResetForm):
    """Django's reset request with GOV.UK messages. Whether the address has an account is never
    said: the view goes to the same "check your email" page either way."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages = {
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        }
        self.fields["email"].widget.attrs.update({"class": "govuk-!-width-two-thirds", "spellcheck": "false"})


class ChooseNewPasswordForm(SetPasswordForm):
    """Django's set-password form (reset and invitation links) with GOV.UK messages."""

    error_messages = {"password_mismatch": "The passwords do not match"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password1"].help_text = "At least 12 characters, not a common password and not only numbers."
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        self.fields["new_password2"].label = "Confirm the new password"
        self.fields["new_password2"].help_text = ""
        for name in ("new_password1", "new_password2"):
            self.fields[name].widget.attrs["class"] = "govuk-!-width-two-thirds"
