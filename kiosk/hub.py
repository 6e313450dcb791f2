"""The composition root: builds the whole kiosk from settings and shuts it down in order."""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor

from hw_drivers import CardPresented, open_reader
from hw_drivers.readers.base import CardReaderDriver
from kiosk import credentials
from kiosk.adapters.mqtt.dialects import CODECS
from kiosk.adapters.mqtt.link import ChargerLink
from kiosk.adapters.payments import handlers as payment_handlers
from kiosk.adapters.payments.accounts import Accounts, StripeOffSession
from kiosk.adapters.payments.base import PaymentProvider
from kiosk.adapters.payments.simulator import SimulatedOffSession, Simulator
from kiosk.adapters.payments.stripe_checkout import StripeCheckout
from kiosk.adapters.payments.stripe_common import StripeConnection
from kiosk.adapters.payments.stripe_terminal import StripeTerminal
from kiosk.adapters.payments.webhook import WebhookServer
from kiosk.config import Settings
from kiosk.domain.payment import PaymentMethod
from kiosk.engine.clock import Clock, SystemClock
from kiosk.engine.engine import Engine
from kiosk.engine.events import CardTapped
from kiosk.engine.outbox import Backoff, Handler
from kiosk.invoicing_setup import InvoicingConfig, InvoicingSetup, invoicing_config
from kiosk.store.accounts import DbAccountStore
from kiosk.store.database import Database, open_database

log = logging.getLogger("kiosk.hub")


class Hub:
    """Owns every long-lived part; `start` builds in dependency order, `stop` reverses it."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        charger_link: bool = True,
        outbox_handlers: Mapping[str, Handler] | None = None,
        backoff: Backoff | None = None,
        payment_providers: Mapping[PaymentMethod, PaymentProvider] | None = None,
        invoicing: InvoicingConfig | None = None,
    ) -> None:
        self._invoicing_config = invoicing
        self.invoicing: InvoicingSetup | None = None
        self._providers = payment_providers
        self.providers: Mapping[PaymentMethod, PaymentProvider] = {}
        self._stripe: StripeConnection | None = None
        self.settings = settings
        self.clock = clock or SystemClock()
        self._with_link = charger_link
        self._handlers = outbox_handlers or {}
        self._backoff = backoff
        self.credentials_dir = settings.data_dir / "credentials"
        self.db: Database | None = None
        self._engine: Engine | None = None
        self._network: ThreadPoolExecutor | None = None
        self.link: ChargerLink | None = None
        self.readers: list[CardReaderDriver] = []
        self.webhook: WebhookServer | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise RuntimeError("hub not started")
        return self._engine

    def start(self) -> Hub:
        s = self.settings
        self.db = open_database(s.resolved_database_url)  # raises StoreError: nothing started yet
        try:
            hash_token = self._token_hasher()
            providers = self._providers or self._build_providers()
            self.providers = providers
            self.invoicing = InvoicingSetup(
                s,
                self._invoicing_config or invoicing_config(s),
                sessions=self.db.sessions,
                credentials_dir=self.credentials_dir,
                clock=self.clock,
            )
            self.invoicing.start()  # portal and printer before the outbox can call on them
            handlers = {
                **payment_handlers.outbox_handlers({p.name: p for p in providers.values()}),
                **self.invoicing.handlers(),
                **self._handlers,
            }
            self._network = ThreadPoolExecutor(max_workers=4, thread_name_prefix="net")
            self._engine = Engine(
                db=self.db,
                clock=self.clock,
                hub=s.hub,
                bays=s.bays,
                broker=s.broker,
                tariffs={
                    bay.id: (s.tariff_for(bay, member=False), s.tariff_for(bay, member=True))
                    for bay in s.bays
                },
                hash_token=hash_token,
                executor=self._network,
                outbox_handlers=handlers,
                payment_providers=providers,
                default_hold=s.payments.preauth_amount,
                backoff=self._backoff,
                invoicing=self.invoicing.engine_part,
            )
            self._engine.start()
            self._open_readers(self._engine)
            if s.payments.webhook_enabled:  # the secret is a credential, never in the TOML
                self.webhook = WebhookServer(
                    bind=s.payments.webhook_bind,
                    port=s.payments.webhook_port,
                    path=s.payments.webhook_path,
                    secret=credentials.require(
                        "stripe_webhook_secret", credentials_dir=self.credentials_dir
                    ),
                    post=self._engine.post,
                ).start()
            if self._with_link:
                self.link = ChargerLink(
                    broker=s.broker,
                    hub_id=s.hub.id,
                    bays=s.bays,
                    codecs=CODECS,
                    post=self._engine.post,
                    credentials_dir=self.credentials_dir,
                )
                self._engine.on_command(self.link.send)
                self.link.start()
        except BaseException:
            self.stop()
            raise
        log.info("hub started hub=%s bays=%d db=%s", s.hub.id, len(s.bays), self.db.dialect)
        return self

    def _build_providers(self) -> dict[PaymentMethod, PaymentProvider]:
        """The ways to pay, from config: Stripe (Terminal, Checkout, saved cards) or simulated."""
        s = self.settings
        assert self.db is not None
        store = DbAccountStore(self.db.sessions, currency=s.hub.currency)
        if s.payments.provider == "simulator":
            return {
                # A simulated reader waits for a card like a real one: the demo's developer
                # panel (or a test) presents it.
                PaymentMethod.TERMINAL: Simulator(
                    method=PaymentMethod.TERMINAL,
                    timeout_s=s.payments.card_timeout_s,
                    auto_card=None,
                ),
                PaymentMethod.QR: Simulator(
                    method=PaymentMethod.QR,
                    name="simulator_qr",
                    timeout_s=s.payments.card_timeout_s,
                    auto_card=None,
                ),
                PaymentMethod.ACCOUNT: Accounts(store, charger=SimulatedOffSession()),
            }
        secret = credentials.require("stripe_api_key", credentials_dir=self.credentials_dir)
        self._stripe = StripeConnection(secret, api_base=s.payments.stripe_api_base or None)
        client = self._stripe.client
        return {
            PaymentMethod.TERMINAL: StripeTerminal(
                client, reader_id=s.payments.reader_id, timeout_s=s.payments.card_timeout_s
            ),
            PaymentMethod.QR: StripeCheckout(client, success_url=s.payments.checkout_success_url),
            PaymentMethod.ACCOUNT: Accounts(store, charger=StripeOffSession(client)),
        }

    def _uid_key(self) -> bytes:
        key = credentials.ensure_key("uid_hmac_key", credentials_dir=self.credentials_dir)
        return key.value.encode()

    def _token_hasher(self) -> Callable[[str], str]:
        """Card UIDs and charger tokens are stored only as an HMAC with the kiosk's key.

        A token that is a card UID in hex (what chargers' RFID readers report) is hashed as
        its bytes, exactly as `hw_drivers` hashes a tap on the kiosk's own reader, so one
        card is one account wherever it is presented.
        """
        secret = self._uid_key()

        def hash_token(token: str) -> str:
            try:
                raw = bytes.fromhex(token)
            except ValueError:
                raw = token.encode()
            return hmac.new(secret, raw, hashlib.sha256).hexdigest()

        return hash_token

    def _open_readers(self, engine: Engine) -> None:
        key = self._uid_key()

        def on_event(event: object) -> None:  # on the reader's own thread
            if isinstance(event, CardPresented):
                engine.post(CardTapped(event.reader, event.uid.hmac(key)))

        for uri in self.settings.devices.card_readers:
            self.readers.append(open_reader(uri, emit=on_event))

    def stop(self) -> None:
        """Inputs first, then the writer, then its workers, then the database."""
        if self.webhook is not None:
            self.webhook.stop()
            self.webhook = None
        for reader in self.readers:
            reader.close()
        self.readers = []
        if self.link is not None:
            self.link.stop()
            self.link = None
        if self._engine is not None:
            self._engine.stop()
            self._engine = None
        if self._network is not None:
            self._network.shutdown(wait=True, cancel_futures=False)
            self._network = None
        if self.invoicing is not None:  # after the workers: a receipt may be printing
            self.invoicing.stop()
            self.invoicing = None
        if self._stripe is not None:
            self._stripe.close()
            self._stripe = None
        if self.db is not None:
            self.db.close()
            self.db = None
        log.info("hub stopped")

    def __enter__(self) -> Hub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
