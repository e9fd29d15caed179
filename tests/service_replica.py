"""A local replica of the services `quebec-intl update` asks (Statistics Canada's Web Data Service, the Bank of
Canada's Valet API, BTS TransBorder's monthly archives), served over real HTTP on 127.0.0.1 by the standard library.

Its later vintage of table 12-10-0175-01 is the mirror's Québec rows in the official French layout (`12100175-fra.zip`
holding `12100175.csv`, semicolons, and `12100175_MetaData.csv`) plus two changes, SYNTHETIC (made-up values, for
tests only): a new month, 2026-08, copying 2026-07's rows with every value 2 % higher; and one revised cell, Québec's
domestic exports to France in 2026-05 (all products), 12,345 thousand dollars higher. Two rows of Ontario stand in for
the other provinces the official file holds. BTS publishes one SYNTHETIC month, 2025-01 (2024-12's rows under the
new month), and answers 404 for 2025-02. Valet answers the mirror's file with a SYNTHETIC rate for 2025. A failure
can be asked for per path."""

from __future__ import annotations

import csv
import gzip
import io
import json
import threading
import zipfile
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

QUEBEC_FILE = "statcan-12100175-quebec-partners/commerce_quebec_sections_2023-2026.csv.gz"
FRENCH_HEADER = [
    "PÉRIODE DE RÉFÉRENCE",
    "GÉO",
    "DGUID",
    "Commerce",
    "Système de classification des produits de l'Amérique du Nord (SCPAN)",
    "Principaux partenaires commerciaux",
    "UNITÉ DE MESURE",
    "IDENTIFICATEUR D'UNITÉ DE MESURE",
    "FACTEUR SCALAIRE",
    "IDENTIFICATEUR SCALAIRE",
    "VECTEUR",
    "COORDONNÉES",
    "VALEUR",
    "STATUT",
    "SYMBOLE",
    "TERMINÉ",
    "DÉCIMALES",
]
NEW_MONTH, LAST_MONTH = "2026-08", "2026-07"
REVISED = {
    "month": "2026-05",
    "flow": "Exportations nationales",
    "partner": "France",
    "product": "Total de toutes les marchandises",
}
REVISION_THOUSANDS = 12_345
RELEASE = "2026-10-08T08:30"
RATE_2025 = "1.4000"  # SYNTHETIC: the Bank's annual rate for 2025, made up


def mirror_rows(mirror: Path) -> list[list[str]]:
    """The mirror's Québec rows as the official file's 17 columns (the compiler's five extra columns dropped)."""
    with gzip.open(mirror / QUEBEC_FILE, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    return [[("" if cell == "NA" and i >= 13 else cell) for i, cell in enumerate(row[:17])] for row in rows]


def later_vintage(mirror: Path) -> tuple[list[list[str]], dict]:
    """The replica's rows (SYNTHETIC changes above) and the values the tests expect, in thousands of dollars."""
    rows = mirror_rows(mirror)
    expected = {}
    for row in rows:
        if [row[0], row[3], row[5], row[4]] == [REVISED[k] for k in ("month", "flow", "partner", "product")]:
            expected["revised_old"] = int(row[12])
            row[12] = str(int(row[12]) + REVISION_THOUSANDS)
            expected["revised_new"] = int(row[12])
    new = []
    for row in rows:
        if row[0] == LAST_MONTH:
            copy = [NEW_MONTH, *row[1:]]
            copy[12] = str(round(int(row[12]) * 1.02)) if row[12] else row[12]
            new.append(copy)
            if row[3:6] == ["Exportations nationales", "Total de toutes les marchandises", "Tous les pays"]:
                expected["new_month_exports"] = int(copy[12])
    ontario = [[r[0], "Ontario", "2021A000235", *r[3:]] for r in rows[:2]]
    return rows + new + ontario, expected


def french_zip(rows: list[list[str]], header: list[str] = FRENCH_HEADER) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("12100175.csv", ("\ufeff" + text.getvalue()).encode("utf-8"))
        archive.writestr("12100175_MetaData.csv", b"Titre du cube;SYNTHETIC replica for tests\n")
    return buffer.getvalue()


def bts_month_zip(mirror: Path) -> bytes:
    """2024-12's dot2 rows as 2025-01 (SYNTHETIC), in a zip as BTS publishes a month."""
    lines = gzip.decompress((mirror / "bts-transborder/2024-12/dot2_1224.csv.gz").read_bytes()).decode().splitlines()
    header = lines[0].split(",")
    month, year = header.index("MONTH"), header.index("YEAR")
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        cells[month], cells[year] = "1", "2025"
        out.append(",".join(cells))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("dot2_0125.csv", "\n".join(out) + "\n")
    return buffer.getvalue()


@dataclass
class Replica:
    """The answers by path; `failures` maps a path to (status, body) answered instead."""

    mirror: Path
    answers: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    failures: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)
    port: int = 0
    expected: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def settings(self) -> dict[str, str]:
        return {
            "QUEBEC_INTL_WDS_URL": f"{self.base}/t1/wds/rest",
            "QUEBEC_INTL_VALET_URL": f"{self.base}/valet",
            "QUEBEC_INTL_BTS_URL": f"{self.base}/bts",
        }

    def build(self) -> None:
        rows, self.expected = later_vintage(self.mirror)
        self.expected["zip"] = french_zip(rows)
        metadata = [
            {
                "status": "SUCCESS",
                "object": {
                    "responseStatusCode": 0,
                    "productId": "12100175",
                    "cubeStartDate": "2017-01-01",
                    "cubeEndDate": f"{NEW_MONTH}-01",
                    "releaseTime": RELEASE,
                },
            }
        ]
        zip_path = "/n1/tbl/csv/12100175-fra.zip"
        rates = json.loads((self.mirror / "bank-of-canada/FX_RATES_ANNUAL.json").read_bytes())
        rates["observations"].append({"d": "2025-01-01", "FXAUSDCAD": {"v": RATE_2025}})
        valet = json.dumps(rates).encode()
        recent = {**rates, "observations": rates["observations"][-1:]}
        self.answers = {
            "/t1/wds/rest/getCubeMetadata": (200, "application/json", json.dumps(metadata).encode()),
            "/t1/wds/rest/getChangedCubeList/2026-10-08": (
                200,
                "application/json",
                json.dumps({"status": "SUCCESS", "object": [{"productId": 12100175, "releaseTime": RELEASE}]}).encode(),
            ),
            "/t1/wds/rest/getFullTableDownloadCSV/12100175/fr": (
                200,
                "application/json",
                json.dumps({"status": "SUCCESS", "object": f"{self.base}{zip_path}"}).encode(),
            ),
            zip_path: (200, "application/zip", self.expected["zip"]),
            "/valet/observations/group/FX_RATES_ANNUAL/json": (200, "application/json", valet),
            "/valet/observations/group/FX_RATES_ANNUAL/json?recent=1": (
                200,
                "application/json",
                json.dumps(recent).encode(),
            ),
            "/bts/2025/January2025.zip": (200, "application/zip", bts_month_zip(self.mirror)),
        }

    def answer(self, path: str) -> tuple[int, str, bytes]:
        self.asked.append(path)
        return self.failures.get(path) or self.answers.get(path) or (404, "text/html", b"<html>Not Found</html>")


def serve(replica: Replica):
    """Start the replica on a free port of 127.0.0.1, in a thread; returns the server (call shutdown() to stop)."""

    class Handler(BaseHTTPRequestHandler):
        def _reply(self, body: bool) -> None:
            if self.command == "POST":
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, kind, data = replica.answer(self.path)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                self.wfile.write(data)

        def do_GET(self):
            self._reply(True)

        def do_POST(self):
            self._reply(True)

        def do_HEAD(self):
            self._reply(False)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    replica.port = server.server_address[1]
    replica.build()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
