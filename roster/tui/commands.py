"""Command palette search: carers, clients and postcodes, each hit opening the right view."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class SearchProvider(Provider):
    """Find a carer or client by id, name or postcode."""

    def _entries(self) -> list[tuple[str, str, callable]]:
        app = self.app
        provider = app.week.provider
        entries = []
        for carer in provider.carers:
            entries.append((f"carer {carer.id} {carer.name} {carer.postcode}", "open the carer's week",
                            partial(app.action_show_carer, carer.id)))
        for client in provider.clients:
            entries.append((f"client {client.id} {client.name} {client.postcode}", "open the client's week",
                            partial(app.action_show_client, client.id)))
        return entries

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, command in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=help_text)

    async def discover(self) -> Hits:
        for text, help_text, command in self._entries()[:20]:
            yield DiscoveryHit(text, command, help=help_text)
