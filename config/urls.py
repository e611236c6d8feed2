from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from scorecards.forms import SignInForm

urlpatterns = [
    path("", include("scorecards.urls")),
    path("sign-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=SignInForm), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
