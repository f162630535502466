from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import User


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Django admin for members, searchable by display name and email."""

    list_display = ("username", "email", "is_staff", "is_active", "date_joined")
    search_fields = ("username", "email")
