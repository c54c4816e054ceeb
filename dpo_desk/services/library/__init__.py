"""Sharing records between the schools of one installation (a DPO serving several schools):
copy processors (with checklists, sub-processors, TOM annex and contract), TOMs, consent
templates, register entries, DSFAs and the risk matrix from one school into another in a
step, keep the copies linked to their origin, and offer later changes of the origin."""
