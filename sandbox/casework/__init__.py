"""Casework rules that the seed generator and the areas share: the child protection pathway,
working days, ages and NHS numbers. It imports only the core."""
