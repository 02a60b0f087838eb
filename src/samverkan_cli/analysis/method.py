"""The "Metod" text the reports show: scoring, comparisons and disclosure-control rules (sv/en)."""

from __future__ import annotations

from samverkan_cli.i18n import Lang, Msg

__all__ = ["METHOD", "method_text"]

METHOD = Msg(
    """\
**Poäng.** Varje poängsatt fråga räknas om till 0–100: instämmandeskalan (1–4) som (v−1)/3·100,
Ja/Nej som 100/0. Omvända frågor (t.ex. V5) vänds, 100 − poäng, så att högre alltid är bättre.
"Vet ej", "Ej aktuellt" och tomma svar räknas inte. Ett svars dimensionspoäng är medelvärdet av
dess besvarade frågor när minst hälften av dimensionens frågor är besvarade. Samverkansindex är
medelvärdet av dimensionspoängen när minst tre av fyra dimensioner finns.

**Analysenhet.** Analysenheten är verksamheten: har en verksamhet svarat flera gånger i samma
mätomgång används medelvärdet av dess svar, så att varje vårdcentral och kommun väger lika.
Antal (n) är antal verksamheter.

**Gruppresultat.** Medelvärde, standardavvikelse och 95 % konfidensintervall (t-fördelning).
Andel positiva: för en fråga andelen svar "Instämmer helt/delvis" eller "Ja" (för omvända frågor
"Instämmer knappast/inte alls"); för en dimension andelen positiva svar bland dess besvarade
frågor; för indexet medelvärdet av dimensionernas andelar – alltid först per verksamhet och sedan
medelvärdet över verksamheterna. Svarsfrekvens = svarande verksamheter / antal i registret.

**Jämförelser.** Länet jämförs med övriga riket (riket utom länet, så att grupperna är oberoende)
med Welchs t-test; *bättre* eller *sämre* när 95 %-intervallet för skillnaden inte omfattar 0,
annars *i nivå*. Vårdcentraler jämförs på samma sätt med kommunerna i samma län (samsynsgap).
Jämförelse med föregående mätomgång (föregående i sorteringsordning) görs bara för frågor vars
formulering och skala är oförändrade; annars anges *ej jämförbar*. Länens rangordning visas med
ett osäkerhetsintervall från bootstrap (omdragning av verksamheter inom län och typ, fast frö).

**Reliabilitet.** Cronbachs α per dimension beräknas på verksamheter som besvarat alla frågor i
dimensionen; α under 0,6 flaggas.

**Röjandeskydd.** Grupper med färre än {min_n} verksamheter visas inte (..), och antalet visas
inte heller. Grupper med {min_n}–{last} verksamheter markeras som osäkra (*). Sekundär
undertryckning: om ett dolt värde skulle kunna räknas fram ur en visad summa (alla typer eller
riket) och dess visade delar döljs även den minsta visade delen (eller summan), tills minst två
delar med tillsammans minst {min_n} verksamheter är dolda. Jämförelser och rangordningar visas
bara för grupper som själva visas. Fritextkommentarer visas bara för grupper med minst {min_n}
verksamheter och bara i maskerad form.""",
    """\
**Scores.** Each scored item is converted to 0–100: the agreement scale (1–4) as (v−1)/3·100,
Yes/No as 100/0. Reverse items (e.g. V5) are flipped, 100 − score, so higher is always better.
"Don't know", "Not applicable" and blank answers are not scored. A response's dimension score is
the mean of its answered items when at least half of the dimension's items are answered. The
collaboration index is the mean of the dimension scores when at least three of four are present.

**Unit of analysis.** The unit is the organisation: when an organisation answered more than once
in a wave its answers are averaged first, so every vårdcentral and kommun weighs the same. The
count (n) is the number of organisations.

**Group results.** Mean, standard deviation and 95 % confidence interval (t distribution). Share
positive: for an item the share of "Strongly/Partly agree" or "Yes" answers (for reverse items
"Hardly/Not at all"); for a dimension the share of positive answers among its answered items;
for the index the mean of the dimension shares – always per organisation first, then averaged
over organisations. Response rate = responding organisations / organisations in the register.

**Comparisons.** A county is compared with the rest of the country (riket without the county, so
the groups are independent) with Welch's t test; *better* or *worse* when the 95 % interval of the
difference excludes 0, otherwise *on a par*. Vårdcentraler are compared the same way with the
kommuner of the same county (the samsyn gap). Comparisons with the previous wave (previous in
sort order) are made only for items whose wording and scale are unchanged; otherwise they are
reported as *not comparable*. County ranks come with an uncertainty band from a bootstrap
(resampling organisations within county and type, fixed seed).

**Reliability.** Cronbach's α per dimension is computed on organisations that answered every item
of the dimension; α below 0.6 is flagged.

**Disclosure control.** Groups with fewer than {min_n} organisations are not shown (..), nor is
their count. Groups with {min_n}–{last} organisations are marked as uncertain (*). Secondary
suppression: when a hidden value could be derived from a shown total (all types or riket) and its
shown parts, the smallest shown part (or the total) is hidden too, until at least two parts with
at least {min_n} organisations together are hidden. Comparisons and ranks are shown only for
groups that are shown themselves. Free-text comments are shown only for groups with at least
{min_n} organisations, and only masked.""",
)


def method_text(lang: Lang = "sv", min_n: int = 5, uncertain_below: int = 10) -> str:
    """The method section (Markdown) with the project's thresholds filled in."""
    return METHOD.render(lang, min_n=min_n, last=uncertain_below - 1)
