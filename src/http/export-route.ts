// GET /exports/<token>.csv: the CSV behind an "export" link (src/services/summary/export-links.ts).
// A bad or tampered token is 404, an expired one 410, a person who may no longer see the scope
// 403 — each with a short text in both languages, since a browser brings no locale we trust.
// A download is audited as summary.exported; the file is never cached.
import type { Request, Response } from "express";
import type { Db } from "../db/client.js";
import { withTx } from "../db/tx.js";
import type { Clock } from "../domain/clock.js";
import { type I18n, isLocale } from "../i18n/index.js";
import type { Logger } from "../log.js";
import { staffById } from "../queries/index.js";
import { appendAudit } from "../services/audit-log.js";
import { csvFileName, summaryCsv } from "../services/summary/csv-export.js";
import type { ExportLinks } from "../services/summary/export-links.js";
import { type SummaryService, scopeKey } from "../services/summary/service.js";

export interface ExportRouteDeps {
  db: Db;
  clock: Clock;
  i18n: I18n;
  links: ExportLinks;
  summary: SummaryService;
  log: Logger;
}

export function exportHandler(d: ExportRouteDeps) {
  const bothLanguages = (key: string) => `${d.i18n.t("zh-CN", key)}\n${d.i18n.t("en", key)}\n`;
  const plain = (res: Response, status: number, key: string) =>
    res.status(status).type("text/plain; charset=utf-8").set("Cache-Control", "no-store").send(bothLanguages(key));

  return async (req: Request, res: Response) => {
    const check = d.links.check(String(req.params.token ?? ""));
    if (!check.ok) {
      plain(res, check.reason === "expired" ? 410 : 404, `digests:export.${check.reason}`);
      return;
    }
    const { staffId, scope, period } = check.request;
    const staff = await staffById(d.db, staffId);
    const r = await d.summary.summarise(
      staffId,
      scope,
      period,
      { platform: "system", source: "export-link" },
      { ranking: true, audit: false },
    );
    if (!staff || !r.ok) {
      plain(res, 403, "digests:export.refused");
      return;
    }
    await withTx(d.db, (tx) =>
      appendAudit(tx, {
        actor: { staffId, label: staff.name, platform: "system", source: "export-link" },
        action: "summary.exported",
        entityType: "summary",
        entityId: scopeKey(scope),
        after: { scope, period, from: r.view.period.from, to: r.view.period.to, rows: r.view.ranking?.length ?? 0 },
        at: d.clock.now(),
      }),
    );
    d.log.info({ staffId, scope: scopeKey(scope), rows: r.view.ranking?.length ?? 0 }, "summary exported as CSV");
    const locale = isLocale(staff.locale) ? staff.locale : "zh-CN";
    res
      .status(200)
      .set("Content-Type", "text/csv; charset=utf-8")
      .set("Content-Disposition", `attachment; filename="${csvFileName(r.view)}"`)
      .set("Cache-Control", "no-store")
      .send(summaryCsv(d.i18n.fixed(locale), r.view));
  };
}
