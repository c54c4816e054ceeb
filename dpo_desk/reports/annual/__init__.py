"""The DPO's annual report (Tätigkeitsbericht)."""
