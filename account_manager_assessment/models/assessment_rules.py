# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pure arithmetic of assessments: no Odoo import, so a port to another
Odoo series only rewrites the glue around it. Periods and local days are
account_manager_process's (models/am_rules.py: period_bounds,
previous_period, utc_bounds)."""

AT_LEAST = "at_least"
AT_MOST = "at_most"
PERIODS = ("weekly", "monthly", "quarterly", "yearly")
PERIOD_SELECTION = [
    ("weekly", "Weekly"), ("monthly", "Monthly"),
    ("quarterly", "Quarterly"), ("yearly", "Yearly"),
]


def achievement(actual, target, direction=AT_LEAST):
    """Achievement in percent (uncapped)."""
    actual = actual or 0.0
    target = target or 0.0
    if direction == AT_MOST:
        if actual <= target:
            return 100.0
        if target <= 0:
            return 0.0
        return target * 100.0 / actual
    if target <= 0:
        return 100.0
    return max(actual, 0.0) * 100.0 / target


def capped_score(achievement_pct, cap=100.0):
    """Score of one rule: the achievement, never below 0 nor above cap."""
    cap = cap if cap and cap > 0 else 100.0
    return max(0.0, min(achievement_pct, cap))


def shortfall(actual, target, direction=AT_LEAST):
    """Units missing to reach the target (0 when reached)."""
    if direction == AT_MOST:
        return max((actual or 0.0) - (target or 0.0), 0.0)
    return max((target or 0.0) - (actual or 0.0), 0.0)


def surplus(actual, target, direction=AT_LEAST):
    """Units beyond the target (0 when not reached)."""
    if direction == AT_MOST:
        return max((target or 0.0) - (actual or 0.0), 0.0)
    return max((actual or 0.0) - (target or 0.0), 0.0)


def _cap(amount, cap):
    return min(amount, cap) if cap and cap > 0 else amount


def penalty(shortfall_units, per_unit, cap=0.0):
    """Fine: shortfall x amount per unit, optionally capped (0 = no cap)."""
    return _cap(max(shortfall_units, 0.0) * max(per_unit or 0.0, 0.0), cap)


def reward(mode, actual, surplus_units, per_unit, cap=0.0):
    """Reward per unit of surplus ('surplus') or per unit achieved
    ('achieved', e.g. 200 per won deal or 0.5 of a commission)."""
    if mode == "surplus":
        units = surplus_units
    elif mode == "achieved":
        units = actual
    else:
        return 0.0
    return _cap(max(units or 0.0, 0.0) * max(per_unit or 0.0, 0.0), cap)


def weighted_total(scores_weights):
    """Weighted average of (score, weight) pairs; weights need not sum to
    100 (an empty list scores 0)."""
    pairs = list(scores_weights)
    total_weight = sum(w for _s, w in pairs)
    if not total_weight:
        return 0.0
    return sum(s * w for s, w in pairs) / total_weight


def total_score(results_score, process_score, results_weight, process_weight):
    """Blend of results and process by their weights (percent)."""
    return weighted_total(
        [(results_score, results_weight), (process_score, process_weight)])


def is_passed(score, threshold):
    return round(score, 6) >= round(threshold or 0.0, 6)


def consecutive_failures(passed_history):
    """Failed periods in a row at the end of a chronological history."""
    count = 0
    for passed in reversed(list(passed_history)):
        if passed:
            break
        count += 1
    return count


def ranks(scores):
    """{key: rank} of {key: score}: highest score first, equal scores share
    a rank and the next one skips (1, 2, 2, 4), no score (None) last (as
    SQL's rank() over score DESC NULLS LAST)."""
    ordered = sorted(scores.values(), key=lambda s: (s is None, -(s or 0.0)))
    first = {}
    for index, score in enumerate(ordered):
        first.setdefault(score, index + 1)
    return {key: first[score] for key, score in scores.items()}


def metric_value(aggregate, count, total, matched):
    """The value of a metric from the aggregates of one employee's records:
    their ``count``, the ``total`` of their value field and the number
    ``matched`` by the ratio condition. aggregate: count, sum, avg (the
    total over the count) or ratio (percent of the records matched)."""
    if aggregate == "count":
        return float(count)
    if aggregate == "sum":
        return float(total or 0.0)
    if aggregate == "avg":
        return float(total or 0.0) / count if count else 0.0
    return matched * 100.0 / count if count else 0.0


def metric_values(aggregate, rows, employee_of=None):
    """{employee: value} of grouped rows (key, count, total, matched). The
    keys are employees, or users with ``employee_of`` ({user: employee}):
    a user of no employee is left out, the values of the users of one
    employee add up."""
    values = {}
    for key, count, total, matched in rows:
        employee = employee_of.get(key) if employee_of is not None else key
        if not employee:
            continue
        values[employee] = values.get(employee, 0.0) + metric_value(
            aggregate, count, total, matched)
    return values


def keys_by_time_zone(key_time_zones):
    """[(time zone, [keys])] of (key, time zone) pairs, by time zone name,
    the keys in their order; a key of no time zone is in UTC."""
    groups = {}
    for key, tz_name in key_time_zones:
        groups.setdefault(tz_name or "UTC", []).append(key)
    return sorted(groups.items())


def is_review_due(failures, threshold):
    """An HR review is due when the run of failures reaches the threshold
    (and again at each further multiple, so a persisting failure is not
    forgotten)."""
    return bool(threshold and threshold > 0 and failures >= threshold
                and failures % threshold == 0)


def compute_line(rule, actual):
    """All figures of one assessment line from a rule (a mapping with
    rule_type, direction, target, weight, score_cap, penalty_per_unit,
    penalty_cap, reward_mode, reward_per_unit, reward_cap)."""
    direction = rule.get("direction") or AT_LEAST
    target = rule.get("target") or 0.0
    is_score = rule.get("rule_type", "score") == "score"
    pct = achievement(actual, target, direction) if is_score else 0.0
    short = shortfall(actual, target, direction) if is_score else 0.0
    extra = surplus(actual, target, direction) if is_score else 0.0
    return {
        "actual": actual,
        "achievement": pct,
        "score": capped_score(pct, rule.get("score_cap")) if is_score else 0.0,
        "shortfall": short,
        "surplus": extra,
        "penalty": penalty(short, rule.get("penalty_per_unit"),
                           rule.get("penalty_cap")),
        "reward": reward(rule.get("reward_mode"), actual, extra,
                         rule.get("reward_per_unit"), rule.get("reward_cap")),
    }


def compute_assessment(rules, actuals, process_scores, scheme,
                       line_cache=None):
    """Lines and totals of one assessment.

    rules: list of rule mappings (with "id"); actuals: {rule id: value};
    process_scores: list of (score, weight); scheme: mapping with
    results_weight, process_weight, pass_threshold. ``line_cache``: a dict
    shared by the assessments of one computation (the same rules): a line
    depends only on its rule and actual value, computed once for each (the
    lines returned are then shared: read them, do not change them)."""
    lines = []
    for rule in rules:
        actual = actuals.get(rule["id"], 0.0)
        key = (rule["id"], actual)
        line = line_cache.get(key) if line_cache is not None else None
        if line is None:
            line = compute_line(rule, actual)
            line["rule_id"] = rule["id"]
            if line_cache is not None:
                line_cache[key] = line
        lines.append(line)
    results = weighted_total(
        (lines[index]["score"], rule.get("weight") or 0.0)
        for index, rule in enumerate(rules)
        if rule.get("rule_type", "score") == "score")
    process = weighted_total(process_scores)
    has_process = bool(process_scores) and scheme.get("process_weight")
    total = total_score(
        results, process, scheme.get("results_weight") or 0.0,
        scheme.get("process_weight") or 0.0 if has_process else 0.0)
    return {
        "lines": lines,
        "results_score": results,
        "process_score": process,
        "total_score": total,
        "penalty_total": sum(line["penalty"] for line in lines),
        "reward_total": sum(line["reward"] for line in lines),
        "passed": is_passed(total, scheme.get("pass_threshold")),
    }

