"""The weekly report of the draft on screen (unsaved edits included): the figures commissioners ask
for in sections, each carer's hours and pay, what is uncovered and why, and three plots. Computed
in a worker; recomputed when the draft changes."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, LoadingIndicator, Static
from textual_plotext import PlotextPlot

from roster.planning.board import CellKey, travel_share_of_worked_time_by_day
from roster.planning.report import report_of

from ..format import hours, pounds
from ..messages import ReportReady
from ..widgets.report_figures import BAD, report_sections
from .base import RotaScreen


class ReportScreen(RotaScreen):
    """Figures on the left, plots on the right."""

    SELECTS_VISITS = False

    DEFAULT_CSS = """
    ReportScreen #report-left { width: 84; border-right: solid $primary; }
    ReportScreen #report-figures { height: auto; padding: 0 1; }
    ReportScreen #report-carers { height: auto; max-height: 24; margin-top: 1; }
    ReportScreen #report-uncovered { height: auto; max-height: 16; margin-top: 1; }
    ReportScreen #report-plots PlotextPlot { height: 1fr; }
    ReportScreen #ucr-plot { max-height: 9; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.report = None
        """The last report shown."""

    def compose_body(self) -> ComposeResult:
        with Horizontal():
            with VerticalScroll(id="report-left"):
                yield LoadingIndicator()
                yield Static(id="report-figures")
                yield DataTable(id="report-carers", cursor_type="row", zebra_stripes=True)
                yield DataTable(id="report-uncovered", cursor_type="row")
            with Vertical(id="report-plots"):
                yield PlotextPlot(id="report-hours-plot")
                yield PlotextPlot(id="report-travel-plot")
                yield PlotextPlot(id="ucr-plot")

    def on_mount(self) -> None:
        self.sub_title = "weekly report of the draft"
        carers = self.query_one("#report-carers", DataTable)
        carers.add_columns("carer", "contract", "worked", "care", "travel", "waiting", "£/h", "WTR", "rest owed")
        self.query_one("#report-uncovered", DataTable).add_columns("uncovered visit", "client", "call", "why")
        self.compute()

    @work(thread=True, exclusive=True, group="report")
    def compute(self) -> None:
        """The report runs the full rule check: off the UI thread."""
        app = self.app
        rota = app.editor.rota
        report = report_of(app.week.provider, rota)
        self.post_message(ReportReady(report, travel_share_of_worked_time_by_day(app.board, rota), rota))

    def on_report_ready(self, message: ReportReady) -> None:
        if message.rota is not self.app.editor.rota:
            return  # the draft changed meanwhile; a newer report is on its way
        self.report = message.report
        self.query_one(LoadingIndicator).display = False
        self.query_one("#report-figures", Static).update(report_sections(message.report))
        self._fill_carers(message.report)
        self._fill_uncovered(message.report)
        self._plot_hours(message.report)
        self._plot_travel(message.travel_by_day)
        self._plot_ucr(message.report)

    def redraw(self, touched: set[CellKey]) -> None:
        self.compute()

    def _fill_carers(self, report) -> None:
        table = self.query_one("#report-carers", DataTable)
        table.clear()
        for c in report.carers:
            gap = c.contract_gap_minutes
            table.add_row(
                c.carer_id, hours(c.contracted_minutes),
                Text(f"{hours(c.worked_minutes)} ({gap / 60:+.1f})", style="#EBCB8B" if abs(gap) > 300 else ""),
                hours(c.contact_minutes), hours(c.travel_minutes), hours(c.waiting_minutes),
                Text(pounds(c.effective_pence_per_hour), style=BAD if c.below_living_wage else ""),
                Text(str(c.wtr_breaches), style=BAD if c.wtr_breaches else ""),
                hours(c.compensatory_rest_minutes), key=c.carer_id,
            )
        table.border_title = f"{len(report.carers)} carers: hours against contract, effective pay"

    def _fill_uncovered(self, report) -> None:
        table = self.query_one("#report-uncovered", DataTable)
        table.clear()
        for u in report.uncovered:
            table.add_row(f"{u.date:%a} {u.visit_id}", u.client_id, u.call_type, u.detail or u.reason, key=u.visit_id)
        table.display = bool(report.uncovered)

    def _blank_plot(self, selector: str):
        """The plot widget and its plotext figure, emptied for drawing again."""
        widget = self.query_one(selector, PlotextPlot)
        widget.plt.clear_data()
        widget.plt.clear_figure()
        return widget, widget.plt

    def _plot_hours(self, report) -> None:
        widget, plt = self._blank_plot("#report-hours-plot")
        carers = [c for c in report.carers if c.worked_minutes or c.contracted_minutes]
        xs = list(range(1, len(carers) + 1))
        if carers:
            plt.bar(xs, [c.worked_minutes / 60 for c in carers], label="worked", color="blue")
            plt.plot(xs, [c.contracted_minutes / 60 for c in carers], label="contract", color="orange", marker="dot")
            step = max(1, len(carers) // 12)
            plt.xticks(xs[::step], [c.carer_id for c in carers][::step])
        plt.title("hours worked per carer against contract")
        widget.refresh()

    def _plot_travel(self, by_day) -> None:
        widget, plt = self._blank_plot("#report-travel-plot")
        plt.bar([f"{day:%a %d}" for day, _ in by_day], [round(100 * share, 1) for _, share in by_day], color="orange")
        plt.title("travel as % of worked time, per day")
        widget.refresh()

    def _plot_ucr(self, report) -> None:
        widget, plt = self._blank_plot("#ucr-plot")
        over = report.ucr_minutes > report.ucr_budget_minutes
        plt.bar(["used", "budget"], [report.ucr_minutes / 60, report.ucr_budget_minutes / 60],
                orientation="horizontal", color=["red" if over else "green", "gray"])
        plt.title("UCR hours against the weekly budget")
        widget.refresh()
