//! MT: kept metrics per tactic (step 7).
