"""What-if budget model for inburgering 2024–2027: SPUK, uitvoeringskosten,
Faciliteitenbesluit and the Reserve Vreemdelingen.

By concern:
- `inputs`: every input with its default and provenance (seed, aanname,
  actueel), the seed figures themselves;
- `model`: `compute` (pure arithmetic, Decimal to the cent), the waterfall,
  the sensitivity, the headline figures and the model's assumptions;
- `actuals`: counts from the loaded data and programme 6.1 from begroting.csv;
- `scenarios`: named scenarios and their URL state (via monitor.urlstate).

This package re-exports what pages and tests use, so `from monitor import
budget as bm` reads as one API. No Streamlit anywhere in it.
"""

from monitor.budget.actuals import (  # noqa: F401
    ActualCounts, actual_counts, apply_actual_counts, apply_counts,
    budget_lines, counts_from_frame, programme_table, tie,
)
from monitor.budget.inputs import (  # noqa: F401
    BUDGET_LINE, COHORT_YEARS, DOC_001, DOC_002, DEFAULT_INPUTS, DEFAULT_RESERVE_OPENING, FACILITY_USE_LABELS, GROUPS,
    INPUT_SPECS, RESERVE_CAP, SEED_001_TABLE3_570610905, SEED_001_TABLE4_SPUK,
    SEED_ACTION_CAPACITEIT, SEED_ACTION_INBURGERAAD, SEED_ACTION_PSYCHISCH, SEED_ACTION_ZROUTE,
    SEED_ACTIONS_TOTAL, SEED_ACTIONS_UNTIL, SEED_AZC_CAPACITY, SEED_BASISFORMATIE,
    SEED_BUDGET_570610905, SEED_COST_BEGELEIDING, SEED_COST_LEERROUTE, SEED_COST_NAZORG,
    SEED_COST_PVT, SEED_COST_TOTAL, SEED_EXECUTION_TOTAL, SEED_EXTRA_CAPACITY,
    SEED_FACILITY_ESTIMATE, SEED_HOUSED_2024, SEED_POLICY_OFFICER, SEED_PRICE_T,
    SEED_PRICE_T1, SEED_PRICE_T2, SEED_PRICE_TOTAL, SEED_RESULT_PER_PERSON,
    SEED_ROOM_2024_COHORT, SEED_ROOM_PER_YEAR, SEED_VERDEELSLEUTEL, YEARS, BudgetInputs,
    InputSpec, Provenance, changed_inputs, shown, specs_by_group,
)
from monitor.budget.model import (  # noqa: F401
    ASSUMPTIONS, LEVERS, NOT_LEVERS, BudgetResult, Headline, SensitivityRow, YearResult, cents,
    compute, headline, headline_figures, sensitivity, spread, waterfall_steps,
)
from monitor.budget.scenarios import (  # noqa: F401
    BASELINE_NAME, COUNT_PARAM, MAX_SCENARIOS, NAME_LIMIT, Scenario, describe_changes, display_name,
    display_names, is_scenario_key, scenario_from_query, scenario_to_query,
    scenarios_from_query, scenarios_to_query,
)
