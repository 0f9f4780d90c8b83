# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests.common import SavepointCase


def dt(value):
    return fields.Datetime.to_string(value)


class TrainingCase(SavepointCase):
    """Users of every role, employees, a category and courses."""

    @classmethod
    def _create_user(cls, login, groups, name=None):
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": name or login.replace("_", " ").title(),
            "login": login,
            "email": "%s@example.com" % login,
            "groups_id": [(6, 0, [cls.env.ref(g).id for g in groups])],
        })

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.user_employee = cls._create_user("am_t_employee", ["base.group_user"], "Employee One")
        cls.user_other = cls._create_user("am_t_other", ["base.group_user"], "Employee Two")
        cls.user_coordinator = cls._create_user(
            "am_t_coordinator", ["account_manager_training.group_training_coordinator"])
        cls.user_hr = cls._create_user("am_t_hr", ["hr.group_hr_user"])
        cls.user_admin = cls._create_user(
            "am_t_admin", ["account_manager_training.group_training_administrator"])
        cls.job = cls.env["hr.job"].create({"name": "AM Test Account Manager"})
        cls.department = cls.env["hr.department"].create({"name": "AM Test Retail"})
        employees = cls.env["hr.employee"]
        cls.employee = employees.create({
            "name": "Employee One", "user_id": cls.user_employee.id,
            "job_id": cls.job.id, "department_id": cls.department.id})
        cls.other = employees.create({
            "name": "Employee Two", "user_id": cls.user_other.id,
            "job_id": cls.job.id, "department_id": cls.department.id})
        cls.coordinator_employee = employees.create({
            "name": "Coordinator", "user_id": cls.user_coordinator.id})
        cls.category = cls.env["am.training.category"].create({
            "name": "AM Test Products", "product_line": "Wealth"})
        cls.course_offline = cls.env["am.training.course"].create({
            "name": "Compliance workshop", "course_type": "offline",
            "category_id": cls.category.id, "hours": 4.0, "pass_mark": 60.0,
            "mandatory_job_ids": [(6, 0, cls.job.ids)],
            "certificate_validity_months": 12})
        cls.hr_category = cls.env["hr.course.category"].create({"name": "AM Test sessions"})

    @classmethod
    def _record(cls, employee, course, **facts):
        """A training record with its facts, as the attendance or exam code
        writes them (the public create() refuses facts)."""
        values = dict(facts, employee_id=employee.id, course_id=course.id)
        return cls.env["am.training.record"]._create_workflow(values)

    @classmethod
    def _passed(cls, employee, course, date_completed=None, score=80):
        return cls._record(
            employee, course, state="passed", score=score,
            date_completed=date_completed or fields.Date.context_today(
                cls.env["am.training.record"]))

    @classmethod
    def _create_session(cls, **kwargs):
        now = datetime.now().replace(microsecond=0)
        values = {
            "name": "Compliance workshop - session",
            "am_course_id": cls.course_offline.id,
            "category_id": cls.hr_category.id,
            "cost": 0.0,
            "authorized_by": cls.coordinator_employee.id,
            "am_start": dt(now + timedelta(days=2)),
            "am_stop": dt(now + timedelta(days=2, hours=4)),
            "am_registration_deadline": dt(now + timedelta(days=1)),
            "am_capacity": 2,
            "am_location": "Room 3",
        }
        values.update(kwargs)
        return cls.env["hr.course"].sudo(cls.user_coordinator).create(values)

    def _read_form(self, record, user, view_type="form"):
        """Read a record as the web client does for ``user``: the view's
        fields, then the names of the linked records (many2many tags, lists)
        and the fields of the embedded lists. Raises what the user would see."""
        record = record.sudo(user)
        view = record.fields_view_get(view_type=view_type)
        fields_info = view["fields"]
        values = record.read(list(fields_info))[0]
        for name, info in fields_info.items():
            if info["type"] not in ("many2many", "one2many") or not values[name]:
                continue
            comodel = self.env[info["relation"]].sudo(user).browse(values[name])
            comodel.name_get()
            sub_fields = [f for sub_view in info.get("views", {}).values()
                          for f in sub_view.get("fields", {})]
            if not sub_fields and info["type"] == "one2many":
                sub_fields = list(comodel.fields_view_get(view_type="tree")["fields"])
            if sub_fields:
                comodel.read(sub_fields)
        return values
