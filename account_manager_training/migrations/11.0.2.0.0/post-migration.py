# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""11.0.2.0.0: the answers of exam attempts no longer carry the answer key's
mark (it told an exam taker which answers were right). Answers saved before
keep their text and choice; only their mark is cleared. The attempts' scores
stay on their training records, where the exam was scored."""
from openupgradelib import openupgrade


def clear_exam_answer_marks(cr):
    """Clear the marks of the answers of surveys used as exams; returns how
    many answers were changed."""
    cr.execute("""
        UPDATE survey_user_input_line line
           SET quizz_mark = 0
          FROM survey_user_input attempt
         WHERE attempt.id = line.user_input_id
           AND attempt.survey_id IN (SELECT survey_id FROM am_training_course
                                      WHERE survey_id IS NOT NULL)
           AND coalesce(line.quizz_mark, 0) != 0
    """)
    return cr.rowcount


@openupgrade.migrate()
def migrate(env, version):
    clear_exam_answer_marks(env.cr)
