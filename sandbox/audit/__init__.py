"""Who did what, when and from where: sign-ins, role changes, tenant life, decisions."""
