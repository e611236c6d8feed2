from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import manage_views
from accounts.forms import ChooseNewPasswordForm, ResetRequestForm, SignInForm

app_name = "accounts"

urlpatterns = [
    path(
        "sign-in/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=SignInForm),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    # Password reset by email: Django's views with namespaced URLs and GOV.UK pages and forms.
    path(
        "sign-in/reset/",
        auth_views.PasswordResetView.as_view(
            form_class=ResetRequestForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path("sign-in/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "sign-in/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=ChooseNewPasswordForm, success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path("sign-in/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("manage/users/", manage_views.users_page, name="manage_users"),
    path("manage/users/add/", manage_views.user_add_page, name="manage_user_add"),
    path("manage/users/<int:pk>/", manage_views.user_page, name="manage_user"),
    path("manage/users/<int:pk>/unlock/", manage_views.user_unlock, name="manage_user_unlock"),
    path("manage/users/<int:pk>/send-link/", manage_views.user_send_link, name="manage_user_send_link"),
    path("manage/site/", manage_views.site_settings_page, name="manage_site"),
]
