"""The "Metod" text the reports show: scoring, comparisons and disclosure-control rules (sv/en).

It says exactly what the analysis does; each paragraph is one ``Msg`` so a change in the method
is a change in one place here.
"""

from __future__ import annotations

from samverkan_cli.i18n import Lang, Msg

__all__ = ["METHOD", "method_text"]

SCORES = Msg(
    """\
**Poäng.** Varje poängsatt fråga räknas om till 0–100: instämmandeskalan (1–4) som (v−1)/3·100,
Ja/Nej som 100/0. Omvända frågor (t.ex. V5) vänds, 100 − poäng, så att högre alltid är bättre.
"Vet ej", "Ej aktuellt" och tomma svar räknas inte. Ett svars dimensionspoäng är medelvärdet av
dess besvarade frågor när minst hälften av dimensionens frågor är besvarade. Samverkansindex är
medelvärdet av dimensionspoängen när minst tre av fyra dimensioner finns.""",
    """\
**Scores.** Each scored item is converted to 0–100: the agreement scale (1–4) as (v−1)/3·100,
Yes/No as 100/0. Reverse items (e.g. V5) are flipped, 100 − score, so higher is always better.
"Don't know", "Not applicable" and blank answers are not scored. A response's dimension score is
the mean of its answered items when at least half of the dimension's items are answered. The
collaboration index is the mean of the dimension scores when at least three of four are present.""",
)

UNIT = Msg(
    """\
**Analysenhet.** Analysenheten är verksamheten: har en verksamhet svarat flera gånger i samma
mätomgång används medelvärdet av dess svar, så att varje vårdcentral och kommun väger lika.
Antal (n) är antal verksamheter.""",
    """\
**Unit of analysis.** The unit is the organisation: when an organisation answered more than once
in a wave its answers are averaged first, so every vårdcentral and kommun weighs the same. The
count (n) is the number of organisations.""",
)

GROUPS = Msg(
    """\
**Gruppresultat.** Medelvärde, standardavvikelse och 95 % konfidensintervall (t-fördelning),
avskuret vid 0 och 100: det sanna medelvärdet ligger alltid inom skalan, så avskärningen tar bara
bort omöjliga värden och behåller täckningsgraden. Intervallet läggs kring det publicerade
(avrundade) medelvärdet. Andel positiva: för en fråga andelen svar "Instämmer helt/delvis" eller
"Ja" (för omvända frågor "Instämmer knappast/inte alls"); för en dimension andelen positiva svar
bland dess besvarade frågor; för indexet medelvärdet av dimensionernas andelar – alltid först per
verksamhet och sedan medelvärdet över verksamheterna. Svarsfrekvens = svarande verksamheter /
antal i registret.""",
    """\
**Group results.** Mean, standard deviation and 95 % confidence interval (t distribution),
truncated at 0 and 100: the true mean always lies on the scale, so truncation only removes
impossible values and keeps the coverage. The interval is placed around the published (rounded)
mean. Share positive: for an item the share of "Strongly/Partly agree" or "Yes" answers (for
reverse items "Hardly/Not at all"); for a dimension the share of positive answers among its
answered items; for the index the mean of the dimension shares – always per organisation first,
then averaged over organisations. Response rate = responding organisations / organisations in the
register.""",
)

REGISTER = Msg(
    """\
**Register.** Kommunerna i ett län är hela populationen för raden kommuner (alla 290 kommuner
finns inbyggda), och länets vårdcentraler i registret (när ett register har importerats) för
raden vårdcentraler. För dessa grupper, och i jämförelserna län–riket, används
ändlighetskorrektionen: standardfelet multipliceras med √(1 − n/N), där N är antalet i
registret och n antalet som svarat, så att en grupp där alla svarat har ett smalt intervall.
Raderna "alla" och "annan" har inget register; de beräknas som ett urval ur en stor population,
och "alla" är medelvärdet över alla svarande verksamheter (det vägs inte efter registrets
fördelning mellan vårdcentraler och kommuner).""",
    """\
**Register.** The kommuner of a county are the whole population of the kommuner row (all 290
kommuner are built in), and the county's vårdcentraler in the register (when one has been
imported) of the vårdcentraler row. For these groups, and in the county–riket comparisons, the
finite-population correction is used: the standard error is multiplied by √(1 − n/N), where N is
the number in the register and n the number that answered, so a group where everyone answered
has a narrow interval. The "all" and "other" rows have no register; they are computed as a sample
from a large population, and "all" is the mean over all responding organisations (it is not
weighted to the register's mix of vårdcentraler and kommuner).""",
)

VS_RIKET = Msg(
    """\
**Länet jämfört med riket.** Skillnaden mot riket är länets publicerade medelvärde minus rikets,
där riket omfattar länet, och är alltså exakt Länet − Riket som de står i tabellen.
Osäkerheten kommer från Welchs t-test av länet mot övriga riket (riket utom länet, så att
grupperna är oberoende): eftersom länet − riket = (1 − n_län/n_riket) · (länet − övriga riket)
skalas intervallets bredd med samma faktor. Intervallet läggs kring den publicerade skillnaden,
och p-värdet och omdömet gäller den publicerade skillnaden med testets standardfel.""",
    """\
**County compared with riket.** The difference from riket is the county's published mean minus
riket's, riket including the county, so it is exactly County − Riket as printed in the table.
Its uncertainty comes from Welch's t test of the county against the rest of the country (riket
without the county, so the groups are independent): since county − riket = (1 − n_county/n_riket)
· (county − rest of riket), the interval's width is scaled by that factor. The interval is placed
around the published difference, and the p-value and verdict are those of the published
difference with the test's standard error.""",
)

MULTIPLE = Msg(
    """\
**Många jämförelser.** I varje mätomgång prövas alla län mot riket samtidigt; med enbart
5 %-gränsen skulle ungefär var tjugonde jämförelse kallas bättre eller sämre av en slump.
P-värdena justeras därför med Benjamini–Hochbergs metod per mätomgång, en gång över alla
jämförelser län–riket för dimensionerna och samverkansindex och en gång över dem för de enskilda
frågorna, så att andelen felaktiga *bättre*/*sämre* bland dem förväntas vara högst 5 %. Ett län
är *bättre* eller *sämre* (efter skillnadens tecken) när det justerade p-värdet (p_adjusted) är
under 5 %, annars *i nivå*. Intervallen gäller varje jämförelse för sig och justeras inte; ett
intervall kan därför utesluta 0 fast omdömet är *i nivå*.""",
    """\
**Many comparisons.** Each wave, every county is tested against riket at once; with the 5 %
threshold alone about one comparison in twenty would be called better or worse by chance. The
p-values are therefore adjusted with the Benjamini–Hochberg method per wave, once across all
county–riket comparisons of the dimensions and the collaboration index and once across those of
the single items, so that the expected share of false *better*/*worse* among them is at most
5 %. A county is *better* or *worse* (by the sign of the difference) when the adjusted p-value
(p_adjusted) is below 5 %, otherwise *on a par*. The intervals hold for each comparison on its own
and are not adjusted, so an interval can exclude 0 while the verdict is *on a par*.""",
)

GAP_AND_WAVES = Msg(
    """\
**Samsynsgap och föregående mätomgång.** Vårdcentralerna jämförs med kommunerna i samma län
(samsynsgapet) med Welchs t-test. Jämförelse med föregående mätomgång görs bara för frågor vars
formulering och skala är oförändrade; annars anges *ej jämförbar*. Verksamheter som svarat i båda
omgångarna (samma verksamhet enligt importens verksamhetsnyckel) jämförs med sig själva, övriga
som oberoende, i ett gemensamt standardfel: Var = s₁²/n₁ + s₂²/n₂ − 2·r·n₁₂·s₁·s₂/(n₁·n₂), där
n₁₂ är antalet verksamheter i båda omgångarna och r korrelationen mellan deras värden (t-testet
för delvis överlappande stickprov, Derrick, Toher och White 2017). I båda fallen är skillnaden
den mellan de publicerade medelvärdena, och omdömet *bättre*/*sämre* gäller när p är under 5 %.
Länens rangordning visas med ett osäkerhetsintervall från bootstrap (omdragning av verksamheter
inom län och typ, fast frö).""",
    """\
**Samsyn gap and previous wave.** Vårdcentraler are compared with the kommuner of the same county
(the samsyn gap) by Welch's t test. Comparisons with the previous wave are made only for items
whose wording and scale are unchanged; otherwise they are reported as *not comparable*.
Organisations that answered in both waves (the same organisation by the import's organisation
key) are compared with themselves, the others as independent, in one combined standard error:
Var = s₁²/n₁ + s₂²/n₂ − 2·r·n₁₂·s₁·s₂/(n₁·n₂), where n₁₂ is the number of organisations in both
waves and r the correlation of their values (the partially overlapping samples t test of
Derrick, Toher and White 2017). In both cases the difference is the one between the published
means, and the verdict *better*/*worse* applies when p is below 5 %. County ranks come with an
uncertainty band from a bootstrap (resampling organisations within county and type, fixed seed).""",
)

RELIABILITY = Msg(
    """\
**Reliabilitet.** Cronbachs α per dimension beräknas på verksamheter som besvarat alla frågor i
dimensionen; α under 0,6 flaggas.""",
    """\
**Reliability.** Cronbach's α per dimension is computed on organisations that answered every item
of the dimension; α below 0.6 is flagged.""",
)

DISCLOSURE = Msg(
    """\
**Röjandeskydd.** Vilka som har svarat är offentligt, svaren är det inte. Antalet verksamheter
(n) och svarsfrekvensen visas för varje grupp, även dolda; för en dold grupp är n antalet
verksamheter i gruppen som svarat på enkäten (inte per fråga, eftersom skillnaden skulle visa hur
många som svarat "Vet ej"). Detsamma gäller en summa (riket, eller alla typer i ett län) som har
en dold del: annars vore summans n minus de visade delarnas n den dolda gruppens n. En grupp med
färre än {min_n} verksamheter visar inget värde (..).
Grupper med {min_n}–{last} verksamheter markeras som osäkra (*). Därefter granskas allt som
publiceras för en mätomgång, med den precision det publiceras med, så att inget dolt värde kan
räknas fram ur visade summor och delar. För dimensionerna och samverkansindex löses ett
linjärprogram (revision av skyddsintervall enligt Eurostats handbok i röjandeskydd, Hundepool
m.fl., som i τ-ARGUS): med varje publicerat medelvärde och andel som ett intervall på ± en halv
avrundningsenhet och alla poäng mellan 0 och 100 måste varje dold grupps medelvärde fortfarande
kunna ligga var som helst i ett intervall som är minst {protection} poäng brett. Annars döljs
fler grupper, de som döljer minst antal verksamheter först, tills alla dolda grupper är skyddade;
en sådan grupp anges som "dold för att skydda en mindre grupp". För enskilda frågor och
svarsfördelningar är svaren heltal, så ett avrundat medelvärde för en stor grupp visar exakt hur
många som svarat vad; där visas en summa (riket eller alla typer i ett län) bara när ingen av dess
delar är dold, och då begränsar inget publicerat värde de dolda gruppernas svar. Skillnader
publiceras som skillnaden mellan publicerade medelvärden, och intervall och p-värden beräknas för
den publicerade skillnaden, så de avslöjar inget utöver medelvärdena. Standardavvikelser och
intervallens bredd beror inte linjärt på svaren och ingår inte i granskningen. Jämförelser och rangordningar
visas bara för grupper som själva visas. Fritextkommentarer visas bara för grupper med minst
{min_n} verksamheter och bara i maskerad form.""",
    """\
**Disclosure control.** Who answered is public; the answers are not. The number of organisations
(n) and the response rate are shown for every group, hidden ones too; for a hidden group n is the
number of its organisations that answered the survey (not per item, since the difference would
tell how many answered "Don't know"). The same holds for a total (riket, or all types in a county)
with a hidden part: otherwise the total's n minus its shown parts' n would be the hidden group's n.
A group with fewer than {min_n} organisations shows no value
(..). Groups with {min_n}–{last} organisations are marked as uncertain (*). Then everything a wave
publishes is audited, at the precision it is published with, so that no hidden value can be
worked out from shown totals and parts. For the dimensions and the collaboration index a linear
program is solved (the protection-interval audit of the Eurostat handbook on statistical
disclosure control, Hundepool et al., as in τ-ARGUS): with every published mean and share an
interval of ± half its rounding unit and every score between 0 and 100, each hidden group's mean
must still be able to lie anywhere in an interval at least {protection} points wide. Otherwise
more groups are hidden, those hiding the fewest organisations first, until every hidden group is
protected; such a group is labelled "hidden to protect a smaller group". For single items and
answer distributions the answers are whole numbers, so a rounded mean of a large group tells
exactly how many gave which answer; there a total (riket, or all types in a county) is shown only
when none of its parts is hidden, and then nothing published constrains the hidden groups'
answers. Differences are published as differences of published means, and intervals and p-values
are computed for the published difference, so they reveal nothing beyond the means. Standard
deviations and the widths of intervals do not depend linearly on the answers and are not part of
the audit.
Comparisons and ranks are shown only for groups that are shown themselves. Free-text comments are
shown only for groups with at least {min_n} organisations, and only masked.""",
)

METHOD: tuple[Msg, ...] = (SCORES, UNIT, GROUPS, REGISTER, VS_RIKET, MULTIPLE, GAP_AND_WAVES, RELIABILITY, DISCLOSURE)


def method_text(lang: Lang = "sv", min_n: int = 5, uncertain_below: int = 10, protection_points: float = 20.0) -> str:
    """The method section (Markdown paragraphs) with the project's thresholds filled in."""
    protection = f"{protection_points:g}".replace(".", "," if lang == "sv" else ".")
    params = {"min_n": min_n, "last": uncertain_below - 1, "protection": protection}
    return "\n\n".join(msg.render(lang, **params) if "{" in msg.sv else msg.render(lang) for msg in METHOD)
