"""Plots where people would rather look than read: each carer's hours against contract, and the
share of working time spent travelling on each day."""

from __future__ import annotations

from textual.app import ComposeResult
from textual_plotext import PlotextPlot

from roster.planning.board import CellKey, hours_against_contract, travel_share_by_day

from .base import RotaScreen


class PlotsScreen(RotaScreen):
    """Two charts of the current draft, redrawn after every change."""

    SELECTS_VISITS = False

    DEFAULT_CSS = """
    PlotsScreen PlotextPlot { height: 1fr; }
    """

    def compose_body(self) -> ComposeResult:
        yield PlotextPlot(id="hours-plot")
        yield PlotextPlot(id="travel-plot")

    def on_mount(self) -> None:
        self.sub_title = "plots"
        self.draw()

    def draw(self) -> None:
        board = self.app.board
        rows = hours_against_contract(board)
        hours = self.query_one("#hours-plot", PlotextPlot)
        plt = hours.plt
        plt.clear_data()
        plt.clear_figure()
        xs = list(range(1, len(rows) + 1))
        plt.bar(xs, [worked / 60 for _, worked, _ in rows], label="worked", color="blue")
        plt.plot(xs, [contract / 60 for _, _, contract in rows], label="contract", color="orange", marker="dot")
        step = max(1, len(rows) // 20)
        plt.xticks(xs[::step], [carer_id for carer_id, _, _ in rows][::step])
        plt.title("worked hours per carer against contract")
        plt.ylabel("hours")
        hours.refresh()
        travel = self.query_one("#travel-plot", PlotextPlot)
        plt = travel.plt
        plt.clear_data()
        plt.clear_figure()
        shares = travel_share_by_day(board)
        plt.bar([f"{day:%a %d}" for day, _ in shares], [round(100 * share, 1) for _, share in shares], color="orange")
        plt.title("travel as % of worked time, per day")
        plt.ylabel("%")
        travel.refresh()

    def redraw(self, touched: set[CellKey]) -> None:
        self.draw()
