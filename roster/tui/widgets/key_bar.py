"""The footer: the keys the current view answers to, on one line, the command palette's on the right.

Textual's Footer mounts one widget per key and restyles each of them whenever focus moves; on
the week board that was a third of the time to start. This draws the same line as one widget."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget


class KeyBar(Widget):
    """Key bindings with their descriptions; a click presses the key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--separator"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--separator { color: $foreground 20%; }
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, str]] = []
        """(first cell, end cell, key) of each key drawn, for clicks."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if screen is self.screen:
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        active = self.screen.active_bindings
        shown: dict[str, tuple] = {}
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show:
                shown.setdefault(binding.action, (binding, enabled))
        self._spans = []
        text = Text(no_wrap=True, overflow="crop", end="")
        for binding, enabled in shown.values():
            start = text.cell_len
            dim = Style() if enabled else Style(dim=True)
            text.append(f" {self.app.get_key_display(binding)} ", style=key_style + dim)
            text.append(f"{binding.description} ", style=description_style + dim)
            self._spans.append((start, text.cell_len, binding.key))
        palette = self._palette(key_style, description_style)
        if palette is not None:
            room = self.size.width - palette.cell_len
            text.truncate(max(room, 0))
            text.pad_right(room - text.cell_len)
            self._spans = [span for span in self._spans if span[1] <= room]
            self._spans.append((room, self.size.width, self.app.COMMAND_PALETTE_BINDING))
            text.append_text(palette)
        return text

    def _palette(self, key_style, description_style) -> Text | None:
        """'▏^p palette ' for the command palette key, if the app offers one."""
        if not self.app.ENABLE_COMMAND_PALETTE:
            return None
        found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if found is None:
            return None
        binding = found[1]
        text = Text("▏", style=self.get_component_rich_style("key-bar--separator"))
        text.append(self.app.get_key_display(binding), style=key_style)
        text.append(f" {binding.description} ", style=description_style)
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
