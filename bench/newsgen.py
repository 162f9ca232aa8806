"""Off-topic news for the batch benchmark: seeded, varied, never about Afghans being sent back.

:func:`off_topic_articles` writes English news of other subjects (cricket, football, markets,
oil, weather, earthquakes, technology, elections, health) from sentence templates and word
pools. Some stories name Pakistan, Iran or Afghanistan (a Test match in Rawalpindi, Iranian
oil exports, an earthquake in Herat), and some use one word of the crisis's vocabulary
("the UN refugee agency sent tents"), because a prefilter is only tested by near misses.
Every story has numbers in it, is 300-900 words long, and is distinct from every other
(the same seed gives the same stories).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

FIRST = (
    "Ahmed Ali Sara John Maria Imran Fatima David Aisha Omar Lucas Hina Bilal Zainab James Emma Reza Leila "
    "Daniel Nadia Tariq Sofia Kamran Mehwish Arash Shirin Peter Grace Usman Ayesha Hassan Mina Tom Chloe "
    "Farhan Nasrin Michael Olivia Saad Parisa"
).split()
LAST = (
    "Khan Hussain Smith Rahimi Malik Ahmadi Jones Qureshi Karimi Brown Siddiqui Hosseini Taylor Chaudhry "
    "Moradi Wilson Butt Jafari Evans Sheikh Rostami Walker Abbasi Naderi Clarke Raza Tehrani Hughes Iqbal "
    "Sadeghi Turner Mirza Bagheri Green Aslam Shahidi Baker Javed Farahani Hall"
).split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November December".split()

# Per topic: datelines, headlines, sentences; slots are {name}, {n:LO-HI} (an integer with
# commas), {f:LO-HI} (one decimal) and the keys of the topic's pools.
TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "cricket": {
        "near": ("The squad will return to Afghanistan on {day} before the home series in {month}.",),
        "city": (
            "Rawalpindi",
            "Lahore",
            "Karachi",
            "Sharjah",
            "Abu Dhabi",
            "Colombo",
            "Chattogram",
            "Harare",
            "Multan",
            "Dubai",
            "Galle",
            "Melbourne",
        ),
        "team": (
            "Pakistan",
            "Afghanistan",
            "Sri Lanka",
            "Bangladesh",
            "England",
            "Australia",
            "New Zealand",
            "South Africa",
            "West Indies",
            "Zimbabwe",
            "Ireland",
            "India",
        ),
        "fmt": ("Test", "one-day international", "Twenty20 international"),
        "headline": (
            "{team} beat {team2} by {n:2-9} wickets in {city}",
            "{name} hits {n:101-189} as {team} take control in {city}",
            "{team} collapse to {n:80-170} all out against {team2}",
            "Rain forces draw as {team} and {team2} share the series",
            "{team} name {n:15-18}-man squad for the tour of {city}",
        ),
        "sentences": (
            "{team} beat {team2} by {n:2-9} wickets in the {fmt} in {city} on {day}, chasing {n:150-330} with {n:3-40} balls to spare.",
            "{name} top-scored with {n:45-160} off {n:60-190} balls, hitting {n:4-15} fours and {n:1-7} sixes.",
            "The visitors were bowled out for {n:120-310} in {f:30.1-49.5} overs after winning the toss and choosing to bat.",
            "Spinner {name} took {n:3-6} for {n:18-60}, his best figures in {fmt} cricket.",
            "{team2} had been {n:40-120} for {n:3-6} at the interval before a partnership of {n:60-150} for the sixth wicket.",
            "Captain {name} said the pitch had offered turn from the first session and praised his bowlers for their discipline.",
            "\u201cWe were {n:20-40} runs short, and against a side like this you cannot afford that,\u201d {name} told reporters after the match.",
            "The series is now level at {n:1-2}-{n:1-2}, with the deciding match in {city} on {day}.",
            "A crowd of about {n:8-38},000 watched the match, the largest at the ground since {n:2009-2019}.",
            "{team} have now won {n:3-11} of their last {n:12-15} matches in the format.",
            "Opener {name} fell for {n:0-9} in the second over, caught at slip off a ball that moved away late.",
            "The umpires took the players off for bad light with {n:8-20} overs remaining.",
            "{name}, who returned to the side after a hamstring injury, bowled {n:8-10} overs for {n:30-55} runs.",
            "The board said {n:2-5} uncapped players had been called up for the tour, which begins on {month} {n:2-28}.",
            "Ticket prices for the final were cut to {n:200-1500} rupees after poor sales for the early matches.",
            "{team}'s fielding coach said the side had dropped {n:3-6} catches in the series and needed to train harder.",
            "Broadcasters said the match drew {f:2.1-18.9} million viewers, {n:10-45} percent more than the previous series.",
            "The squad will fly home on {day} and regroup for a training camp in {city} in {month}.",
            "{team} need {n:120-290} runs on the final day with {n:6-9} wickets in hand.",
            "The home board confirmed that the {n:2-3}-match series against {team2} would be played in {month}.",
        ),
    },
    "football": {
        "city": ("London", "Madrid", "Manchester", "Milan", "Lisbon", "Istanbul", "Doha", "Riyadh", "Munich"),
        "club": ("United", "City", "Rovers", "Athletic", "Real", "Sporting", "Dynamo", "Olympic", "Wanderers"),
        "headline": (
            "{city} {club} come from behind to win {n:2-4}-{n:1-1} in the derby",
            "{name} scores twice as {city} {club} go top of the table",
            "Late penalty earns {city} {club} a point away from home",
            "{city} {club} sack manager after {n:5-9} games without a win",
        ),
        "sentences": (
            "{city} {club} beat their rivals {n:2-4}-{n:0-1} on {day} to move {n:2-6} points clear at the top of the league.",
            "{name} scored after {n:12-89} minutes, curling a shot into the far corner from the edge of the area.",
            "The visitors had {n:55-72} percent of possession but managed only {n:2-5} shots on target.",
            "Goalkeeper {name} made {n:4-9} saves, including one from a penalty before half-time.",
            "The club confirmed that {name} had signed a {n:3-5}-year contract worth a reported {n:20-90} million euros.",
            "A crowd of {n:31-78},{n:100-999} saw the match, a record for the new stadium.",
            "\u201cWe showed character today, and that is what wins titles,\u201d said {name}, the manager, after the game.",
            "The defender was sent off with {n:5-40} minutes left for a second yellow card.",
            "{city} {club} have lost only {n:1-4} of their {n:20-30} league matches this season.",
            "The transfer window closes on {month} {n:1-31}, and the club is said to be looking for a striker.",
            "The league fined the club {n:10-250},000 euros for crowd trouble at the last home match.",
            "{name} limped off with a knee injury after {n:20-40} minutes and will have a scan on {day}.",
            "The win was their {n:5-12}th in a row in all competitions.",
            "Season ticket sales rose {n:5-25} percent, the club said, to {n:18-45},000.",
            "Fans held a minute's applause before kick-off for a former captain who died last week aged {n:60-91}.",
        ),
    },
    "markets": {
        "near": (
            "Exporters said trucks carrying fruit had waited at the Torkham crossing for {n:2-9} days because of a customs dispute.",
            "Trade through the main border crossing with Afghanistan fell {n:10-40} percent in {month}, the chamber of commerce said.",
        ),
        "index": (
            "the KSE-100",
            "the Sensex",
            "the Nikkei 225",
            "the FTSE 100",
            "the S&P 500",
            "the DAX",
            "the Tehran Stock Exchange's TEDPIX",
            "the Hang Seng",
        ),
        "sector": ("banking", "cement", "fertiliser", "technology", "energy", "textile", "automobile", "telecom"),
        "city": ("Karachi", "Mumbai", "Tokyo", "London", "New York", "Frankfurt", "Tehran", "Hong Kong", "Singapore"),
        "headline": (
            "Stocks rise as {index} gains {f:0.2-3.8} percent",
            "{index} falls {f:0.3-2.9} percent on rate fears",
            "{sector} shares lead gains as investors return",
            "Central bank holds rates at {f:4.1-22.0} percent",
            "Rupee ends at {f:270.1-290.9} against the dollar",
        ),
        "sentences": (
            "{index} closed {f:0.2-3.8} percent higher at {n:10000-99999} points on {day}, its best session in {n:2-9} weeks.",
            "Trading volume rose to {n:200-900} million shares worth {f:10.5-40.9} billion rupees.",
            "{sector} stocks led the gains after the central bank signalled that rates would stay on hold.",
            "The central bank kept its policy rate at {f:4.1-22.0} percent, citing inflation of {f:2.1-29.9} percent in {month}.",
            "Analysts at a {city} brokerage said foreign investors had been net buyers of {n:5-60} million dollars this month.",
            "The currency ended at {f:270.1-290.9} to the dollar in the interbank market, little changed from {day}.",
            "Gold fell {f:0.1-1.9} percent to {n:2100-2900} dollars an ounce as the dollar strengthened.",
            "\u201cThe market is pricing in {n:2-3} rate cuts this year, which may be too optimistic,\u201d said {name}, an economist.",
            "Government bond yields rose {n:3-25} basis points after the auction drew weaker demand than expected.",
            "Quarterly profits at the country's {n:5-10} largest banks rose {n:8-40} percent from a year earlier.",
            "Remittances reached {f:2.1-3.9} billion dollars in {month}, up {n:5-30} percent year on year.",
            "The finance ministry said the budget deficit narrowed to {f:2.1-7.9} percent of GDP in the first half of the fiscal year.",
            "Shares in the country's largest {sector} company jumped {n:3-10} percent after it announced a dividend of {n:2-25} rupees a share.",
            "The IMF staff mission is due in {city} in {month} for the review of a {n:3-7} billion dollar loan programme.",
            "Inflation expectations for the next {n:6-24} months eased to {f:3.1-15.9} percent in the bank's latest survey.",
            "The exchange said {n:3-12} companies planned to list their shares before {month}.",
        ),
    },
    "oil": {
        "grade": ("Brent crude", "West Texas Intermediate", "Dubai crude", "Iranian Light"),
        "city": ("London", "Singapore", "Vienna", "Tehran", "Riyadh", "Houston", "Dubai"),
        "headline": (
            "Oil climbs to ${n:68-95} as supply worries mount",
            "{grade} slips as OPEC+ weighs output increase",
            "Iran's oil exports hit {f:1.1-2.0} million barrels a day, trackers say",
            "Tanker rates jump after incident in the Strait of Hormuz",
        ),
        "sentences": (
            "{grade} rose {f:0.5-3.9} percent to {f:68.1-95.9} dollars a barrel by {n:10-16}:{n:10-59} GMT on {day}.",
            "Iran exported about {f:1.1-2.0} million barrels a day in {month}, according to tanker-tracking firms.",
            "Most of the cargoes went to refiners in Asia, traders said, at discounts of {n:3-9} dollars a barrel.",
            "OPEC+ members are due to meet in {city} on {month} {n:1-28} to decide output for the next quarter.",
            "US crude inventories fell by {f:1.1-6.9} million barrels last week, government data showed.",
            "\u201cThe market is tight, and any disruption in the Gulf will show up in prices within hours,\u201d said {name}, an analyst in {city}.",
            "About {n:18-21} percent of the world's oil passes through the Strait of Hormuz, the narrow waterway off Iran's coast.",
            "Freight rates for very large crude carriers rose to {n:40-95},000 dollars a day.",
            "Pakistan's oil import bill rose {n:5-30} percent to {f:1.1-1.9} billion dollars in {month}, official data showed.",
            "Saudi Arabia raised its official selling price for Asian buyers by {f:0.1-1.5} dollars a barrel.",
            "Sanctions on Iranian oil have been in place since {n:2012-2019}, though enforcement has varied.",
            "The national oil company said a new field in the south would produce {n:20-120},000 barrels a day by {n:2027-2030}.",
            "Refining margins in Asia fell to {f:2.1-9.9} dollars a barrel, the lowest since {month}.",
            "Natural gas prices in Europe rose {n:2-12} percent as a cold spell raised demand.",
            "Analysts at a bank in {city} raised their forecast for the year to an average of {n:70-90} dollars a barrel.",
        ),
    },
    "weather": {
        "city": (
            "Karachi",
            "Lahore",
            "Jacobabad",
            "Peshawar",
            "Delhi",
            "Dhaka",
            "Kabul",
            "Tehran",
            "Mashhad",
            "Multan",
        ),
        "event": ("heatwave", "monsoon rains", "flash floods", "snowfall", "dust storm", "cold wave"),
        "headline": (
            "{event} grips {city} as temperature reaches {n:40-51}C",
            "{event} cut roads and power in the north, {n:3-40} dead",
            "Met office warns of {event} over the next {n:3-7} days",
            "Schools closed in {city} as {event} continues",
        ),
        "sentences": (
            "The temperature in {city} reached {n:40-51} degrees Celsius on {day}, {n:3-7} degrees above the average for {month}.",
            "The meteorological department forecast more {event} for the next {n:3-7} days in the central and southern districts.",
            "Hospitals in {city} treated {n:120-2400} people for heatstroke over the weekend, officials said.",
            "At least {n:3-40} people died and {n:10-200} were injured when {event} hit the northern districts.",
            "Power cuts of up to {n:6-16} hours a day were reported as demand reached {n:25-31},{n:100-999} megawatts.",
            "The disaster management authority said {n:200-9000} homes had been damaged, {n:20-900} of them destroyed.",
            "Rainfall of {n:80-290} millimetres was recorded in {n:12-24} hours, the highest since records began in {n:1931-1961}.",
            "\u201cWe have never seen water this high in my lifetime,\u201d said {name}, a shopkeeper, standing outside his flooded store.",
            "The provincial government closed schools in {city} until {day} and told offices to shorten working hours.",
            "Farmers said the {event} had damaged up to {n:20-60} percent of the standing crops of cotton and rice.",
            "The highway between {city} and the capital was closed after landslides at {n:3-14} places.",
            "Rescue teams used boats to move {n:300-9000} people to relief camps set up in schools.",
            "Air quality in {city} reached an index of {n:300-600}, the worst in the world on {day}.",
            "The met office said the {event} was expected to ease by {month} {n:1-28}, when a western disturbance arrives.",
            "Water levels in the main reservoir fell to {n:20-60} percent of capacity.",
        ),
    },
    "earthquake": {
        "near": (
            "The UN refugee agency said it had sent tents from its warehouse for families whose homes had collapsed.",
            "Many of the dead were from families who had returned from Iran in recent months and lived in makeshift houses.",
        ),
        "place": (
            "Herat",
            "Badghis",
            "Kerman",
            "Khuzestan",
            "Balochistan",
            "Kunar",
            "Bam",
            "Paktika",
            "Hindu Kush",
            "Gilgit",
            "Khoy",
            "Sistan",
        ),
        "country": ("Afghanistan", "Iran", "Pakistan"),
        "headline": (
            "Magnitude {f:5.1-6.8} earthquake shakes {place}, {n:2-120} dead",
            "Aftershocks hamper rescue in {place} after quake",
            "Quake survivors in {place} spend the night in the open",
        ),
        "sentences": (
            "A magnitude {f:5.1-6.8} earthquake struck {place} in {country} at {n:1-11}:{n:10-59} local time on {day}, the US Geological Survey said.",
            "The quake was centred at a depth of {n:8-35} kilometres, about {n:20-90} kilometres from the provincial capital.",
            "At least {n:2-120} people were killed and {n:20-900} injured, the provincial health department said.",
            "Rescue workers dug through the rubble of {n:40-1200} collapsed mud-brick houses in {n:3-20} villages.",
            "{n:3-12} aftershocks of magnitude {f:4.0-5.2} or more followed within {n:2-24} hours.",
            "The Red Crescent sent {n:20-90} tonnes of food, blankets and medicine, its spokesman {name} said.",
            "\u201cThe house shook like a cradle and then the roof came down,\u201d said {name}, who lost two relatives.",
            "The World Health Organization said {n:3-8} field hospitals had been set up near the worst-hit villages.",
            "Roads to {place} were blocked by landslides and helicopters flew the injured to hospitals.",
            "Seismologists said the region sits on the boundary of the Arabian and Eurasian plates and has had {n:3-9} major quakes since {n:1990-2005}.",
            "Survivors spent the night outside in temperatures of {n:2-9} degrees Celsius for fear of more tremors.",
            "The government announced compensation of {n:100-500},000 for each family that lost a member.",
            "Schools in the district will stay closed for {n:3-14} days while engineers check the buildings.",
        ),
    },
    "tech": {
        "company": (
            "Nimbus Labs",
            "Quantix",
            "Orbitel",
            "Greenbyte",
            "Sparrow AI",
            "Helio Systems",
            "Datawave",
            "Kite Mobile",
            "Arcline",
        ),
        "city": ("San Francisco", "Bengaluru", "Lahore", "Karachi", "Seoul", "Berlin", "Tehran", "Shenzhen", "Dubai"),
        "product": ("smartphone", "chip", "language model", "payments app", "cloud service", "electric scooter"),
        "headline": (
            "{company} unveils new {product} priced at ${n:199-1299}",
            "{company} raises ${n:10-400} million to expand in {city}",
            "Regulator opens inquiry into {company}'s data practices",
            "5G auction raises ${n:200-900} million, telecom ministry says",
        ),
        "sentences": (
            "{company} unveiled its new {product} in {city} on {day}, priced at {n:199-1299} dollars in the basic version.",
            "The company said the {product} was {n:20-60} percent faster than the previous model and used {n:10-40} percent less power.",
            "{company} raised {n:10-400} million dollars in a funding round led by investors from {city}.",
            "The start-up employs {n:80-2400} people and plans to hire {n:100-800} more engineers by {month}.",
            "\u201cWe built this for people who want something that just works,\u201d said {name}, the company's chief executive.",
            "The telecom regulator said mobile broadband subscriptions reached {n:120-140} million in {month}.",
            "The spectrum auction raised {n:200-900} million dollars, less than the government had hoped.",
            "Analysts expect the company to ship {f:1.1-9.9} million units in the first year.",
            "The data protection regulator opened an inquiry after {n:2-30} million user records were exposed.",
            "Shares of {company} rose {f:1.1-12.9} percent in after-hours trading.",
            "Freelancers in the country earned about {n:300-600} million dollars last year, the IT ministry said.",
            "The company's revenue grew {n:20-90} percent to {n:40-900} million dollars in the quarter to {month}.",
            "Critics said the {product} collects more data than it needs and called for clearer consent rules.",
            "Internet outages of up to {n:2-9} hours were reported across {n:3-12} cities after an undersea cable fault.",
            "The government said it would set up {n:5-20} technology parks to train {n:20-100},000 young people a year.",
        ),
    },
    "elections": {
        "country": ("Pakistan", "Iran", "Sri Lanka", "Indonesia", "Mexico", "Portugal", "Ghana", "Nepal", "Romania"),
        "party": (
            "the People's Alliance",
            "the National Front",
            "the Justice Party",
            "the Reform Movement",
            "the Democratic Union",
            "the Progressive Bloc",
        ),
        "headline": (
            "Turnout reaches {n:38-78} percent as {country} votes",
            "{party} leads early count in {country}",
            "Election commission announces date for {country}'s vote",
            "Runoff likely as no candidate passes {n:50-50} percent",
        ),
        "sentences": (
            "Turnout in {country}'s election reached {n:38-78} percent, the election commission said on {day}.",
            "{party} won {n:60-180} of the {n:250-340} seats, short of a majority, according to preliminary results.",
            "More than {n:30-130} million people were registered to vote at {n:80-120},000 polling stations.",
            "\u201cThe people have spoken, and we will respect their verdict,\u201d said {name}, the leader of {party}.",
            "Observers from {n:20-60} countries said voting had been largely orderly, though they noted delays at some stations.",
            "Mobile internet was suspended on polling day, which the interior ministry said was a security measure.",
            "Counting in {n:10-40} constituencies was delayed after complaints of irregularities.",
            "The runoff between the top two candidates will be held on {month} {n:1-28}.",
            "{party} received {f:20.1-45.9} percent of the vote, up from {f:10.1-30.9} percent at the last election.",
            "About {n:2-18} percent of ballots were rejected, a figure opposition parties said was unusually high.",
            "The campaign cost an estimated {n:100-900} million dollars, most of it spent on television advertising.",
            "Women made up {n:40-52} percent of registered voters but only {n:5-20} percent of candidates.",
            "Security forces deployed {n:200-650},000 personnel to guard polling stations and ballot papers.",
            "The new parliament is expected to meet for the first time on {month} {n:1-28}.",
        ),
    },
    "health": {
        "near": ("Vaccinators were also posted at the Torkham crossing, where {n:2-9},000 travellers pass each day.",),
        "disease": ("polio", "dengue", "measles", "cholera", "malaria"),
        "city": ("Karachi", "Quetta", "Peshawar", "Lahore", "Kabul", "Kandahar", "Dhaka", "Lagos", "Zahedan"),
        "headline": (
            "{disease} cases rise to {n:40-900} in {city}",
            "Nationwide {disease} vaccination drive to reach {n:10-45} million children",
            "Hospitals in {city} run short of beds as {disease} spreads",
        ),
        "sentences": (
            "Health workers will vaccinate {n:10-45} million children under the age of five during the {n:5-7}-day {disease} campaign.",
            "The health department confirmed {n:40-900} {disease} cases in {city} this month, up from {n:10-300} in {month}.",
            "Pakistan and Afghanistan are the only two countries where wild poliovirus still circulates.",
            "Environmental samples from {n:10-60} of {n:80-120} sites tested positive for the virus.",
            "\u201cEvery child who misses a dose is a gap the virus can use,\u201d said {name}, who heads the programme.",
            "Hospitals in {city} said they had {n:20-200} patients on wards meant for {n:10-80}.",
            "The World Health Organization said {n:2-9} million doses of vaccine had been delivered this year.",
            "Vaccinators in {n:3-14} districts were given police protection after attacks last year.",
            "Fumigation teams sprayed {n:200-3000} neighbourhoods, the city administration said.",
            "The ministry said {n:85-99} percent of the target children had been reached in the last round.",
            "Doctors urged residents to remove standing water, where mosquitoes breed, after the rains.",
            "The provincial government allocated {n:50-900} million rupees for the response.",
            "Teams vaccinated travellers at {n:8-30} transit points, including bus terminals and checkposts.",
        ),
    },
}

GENERIC = (
    "Officials said more details would be released on {day}.",
    "The report was compiled from figures supplied by {n:3-12} government departments.",
    "A spokesperson declined to comment on the figures when contacted by telephone on {day}.",
    "{name}, a researcher at a university in the capital, said the numbers should be read with caution.",
    "The ministry said it would publish a full review by {month}.",
    "Local media reported that the meeting lasted about {n:2-5} hours.",
    "\u201cWe will keep working until the job is done,\u201d {name} said in a statement on {day}.",
    "Last year the figure was {n:10-90} percent lower, according to the same source.",
    "The announcement came {n:2-9} days after a similar statement from the provincial government.",
    "A committee of {n:5-15} members has been set up to look into the matter.",
    "The decision will be reviewed in {month}, officials said.",
    "Newspapers in the capital carried the story on their front pages on {day}.",
    "{name} said the plan had been discussed at a cabinet meeting in {month}.",
    "The opposition called the figures misleading and demanded a debate in parliament.",
    "Critics have said the process lacks transparency, a charge officials deny.",
)


@dataclass(frozen=True)
class Story:
    title: str
    paragraphs: tuple[str, ...]
    topic: str
    published: str  # YYYY-MM-DD

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


NEAR_MISS = 0.2  # chance that a story uses each of its topic's crisis words
_SLOT = re.compile(r"\{(\w+)(?::([\d.]+)-([\d.]+))?\}")


def _fill(template: str, rng: random.Random, pools: dict[str, tuple[str, ...]], fixed: dict[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        name, lo, hi = m.groups()
        if name == "n":
            value = rng.randint(int(lo), int(hi))
            return str(value) if 1900 <= int(lo) and int(hi) <= 2100 else f"{value:,}"  # years without commas
        if name == "f":
            return f"{rng.uniform(float(lo), float(hi)):.1f}"
        if name in fixed:
            return fixed[name]
        if name == "name":
            return f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name == "day":
            return rng.choice(DAYS)
        if name == "month":
            return rng.choice(MONTHS)
        return rng.choice(pools[name])

    return _SLOT.sub(one, template)


def story(rng: random.Random, topic: str) -> Story:
    """One news story of ``topic``, 300-900 words."""
    spec = TOPICS[topic]
    pools = {k: v for k, v in spec.items() if k not in ("headline", "sentences", "near")}
    # a story keeps its main place and sides; names, days and numbers are drawn per sentence
    fixed = {k: rng.choice(v) for k, v in pools.items()}
    for k, v in pools.items():
        fixed[f"{k}2"] = rng.choice([x for x in v if x != fixed[k]] or v)
    title = _sentence(rng.choice(spec["headline"]), rng, pools, fixed)
    target = rng.randint(300, 900)
    deck: list[str] = []
    generic = rng.sample(GENERIC, len(GENERIC))
    sentences: list[str] = []
    words = 0
    while words < target:
        if not deck:
            deck = rng.sample(spec["sentences"], len(spec["sentences"]))
        source = generic if sentences and generic and rng.random() < 0.2 else deck
        sentences.append(_sentence(source.pop(), rng, pools, fixed))
        words += len(sentences[-1].split())
    for near in spec.get("near", ()):  # once at most: two crisis words make a story pass the prefilter
        if rng.random() < NEAR_MISS:
            sentences.insert(rng.randint(1, len(sentences)), _sentence(near, rng, pools, fixed))
    paras: list[str] = []
    while sentences:
        k = rng.choice((1, 2, 2, 3, 3, 4))
        paras.append(" ".join(sentences[:k]))
        del sentences[:k]
    dateline = fixed.get("city") or fixed.get("place") or fixed["country"]
    paras[0] = f"{dateline.upper()}: {paras[0]}"
    published = f"{rng.randint(2023, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return Story(title, tuple(paras), topic, published)


def _sentence(template: str, rng: random.Random, pools: dict[str, tuple[str, ...]], fixed: dict[str, str]) -> str:
    text = _fill(template, rng, pools, fixed)
    return text[0].upper() + text[1:]


def off_topic_articles(n: int, seed: int = 20251125) -> list[Story]:
    """``n`` distinct off-topic stories, topics in turn, the same for the same ``seed``."""
    rng = random.Random(seed)
    topics = sorted(TOPICS)
    out: list[Story] = []
    seen: set[str] = set()
    while len(out) < n:
        s = story(rng, topics[len(out) % len(topics)])
        key = " ".join(s.text.lower().split())
        if key not in seen:  # ids are content hashes: a repeat would be one article, not two
            seen.add(key)
            out.append(s)
    return out


def headlines(rng: random.Random, k: int) -> list[str]:
    """Headlines of other stories, for a page's sidebar and its related links."""
    out = []
    for _ in range(k):
        spec = TOPICS[rng.choice(sorted(TOPICS))]
        pools = {key: v for key, v in spec.items() if key not in ("headline", "sentences", "near")}
        fixed = {key: rng.choice(v) for key, v in pools.items()} | {
            f"{key}2": rng.choice(v) for key, v in pools.items()
        }
        out.append(_sentence(rng.choice(spec["headline"]), rng, pools, fixed))
    return out
