"""Grading submitted exercise notebooks: ``crm-grade``.

- ``cli``: the command (arguments, progress, the gradebook written at the end);
- ``runner``: :class:`~crm.grading.runner.Grader`, running each submission in a confined kernel;
- ``results``: what a run gives (:class:`~crm.grading.results.GradeRow`, reasons for lost points);
- ``submission``: reading a submission safely, the student's id, the answers collected;
- ``kernels``: the warm kernel template and its forked, confined kernels;
- ``sandbox``: the file view, namespaces and limits of a grading kernel;
- ``gradebook``: the CSV files, the report and the LMS imports (Canvas, Moodle).

Grading imports the cases and :mod:`crm.answer_key` (in the grader's process only), never a view.
"""
