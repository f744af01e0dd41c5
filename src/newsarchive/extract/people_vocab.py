"""Vocabularies for finding people in article bodies (used by people.py).

Honorifics, role heads and qualifiers, sentence starters, demonyms, places,
organisation/event words and calendar words. These are the rules: extend the lists,
not the code. Words are matched case-sensitively where capitals matter (STARTERS,
DEMONYMS, HONORIFICS) and folded to lower case elsewhere.
"""

from __future__ import annotations


def words_of(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Honorifics: evidence of a person, never part of the name, not a role.
HONORIFICS = words_of("""
    Mr Mrs Ms Miss Mx Dr Prof Sir Dame Lord Lady Madam Madame Monsieur Herr Frau Señor Señora
    Rev Reverend Fr Father Sister Brother Sheikh Sheikha Imam Rabbi Ayatollah Hon Mme Mlle
""")
# Role heads: the noun that makes a phrase a role (`foreign minister`, `chief economist`).
ROLE_HEADS = words_of("""
    president president-elect vice-president minister secretary secretary-general senator
    sen representative rep congressman congresswoman congressmember lawmaker legislator mp
    governor gov mayor speaker leader chancellor premier king queen prince princess emperor
    empress pope cardinal bishop archbishop emir crown-prince sultan tsar czar chairman
    chairwoman chair chairperson ambassador envoy spokesman spokeswoman spokesperson
    director director-general chief executive ceo cfo coo founder co-founder economist analyst
    strategist professor researcher fellow scholar historian scientist adviser advisor
    negotiator commissioner commander general admiral colonel lieutenant captain sergeant
    major marshal officer judge justice prosecutor attorney lawyer official diplomat head
    deputy candidate nominee activist dissident coach manager partner investor billionaire
    regulator governor-general councillor councilor delegate aide counsel treasurer
    coordinator administrator secretary-treasurer superintendent inspector detective
    chancellor-elect prime-minister journalist reporter
    correspondent editor columnist author novelist actor actress singer artist director
    councilmember councilman councilwoman alderman assemblyman assemblywoman assemblymember
    supervisor trustee sheriff mep selectman engineer developer programmer designer
    architect consultant physician doctor surgeon
    nurse teacher student farmer fisherman worker organiser organizer volunteer
    father mother son daughter wife husband brother sister uncle aunt cousin widow
    grandfather grandmother nephew niece fiancé fiancée partner-in-law
""")
# Heads that may introduce a one-word name (`President Trump`, `Senator Warren`): a bare
# `General` or `Chief` before one word is as often an organisation (`General Motors`).
SINGLE_NAME_TITLES = words_of("""
    president minister secretary senator sen rep representative governor gov mayor speaker
    chancellor premier king queen prince princess emperor pope ambassador envoy judge justice
    chairman leader commissioner congressman congresswoman
""")
# Words that qualify a role head without being names: `Foreign` Minister, `Prime`
# Minister, Secretary of `State`, `former`, `top` tariff negotiator.
ROLE_QUALIFIERS = words_of("""
    foreign prime vice deputy crown supreme chief senior junior acting interim incoming
    outgoing former then late top first second principal executive managing general
    national security state defence defense finance trade commerce treasury interior home
    health energy labour labor economy economic affairs justice homeland education transport
    transportation agriculture environment climate industry foreign-affairs international
    public opposition majority minority party democratic republican conservative labour
    senate house parliamentary presidential tariff monetary fiscal policy research asia
    europe china us world bank central ministry north south east west of the for
""")
# Leading words that start sentences and never begin a name.
STARTERS = words_of("""
    The A An And But Or Nor So Yet For If When While Whereas Although Though As Since Because
    After Before During Until Unless Once In On At By From To With Without Within Into Over
    Under About Above Below Between Among Against Across Along Around Through Throughout
    Despite Like Unlike Of Off Per Via This That These Those There Here Then Than Now Today
    Tonight Yesterday Tomorrow It Its It's He She They We I You His Her Their Our My Your
    Him Them Us Me Who Whom Whose What Which Where Why How Whether Not No Yes All Any Both
    Each Every Few Many Most Much More Other Others Some Such Several One Two Three Four Five
    Six Seven Eight Nine Ten Also Still Even Only Just Already Meanwhile However Moreover
    Instead Indeed Perhaps Maybe Asked Speaking According Dear Please Thanks Thank Read
    Later Earlier Last Next Separately Finally Recently Previously Elsewhere Overall Again
    Analysts Officials Experts Economists Critics Observers Sources Authorities Police
    Investigators Lawmakers Diplomats Protesters Residents Researchers Scientists Supporters
    Opponents Leaders Ministers Democrats Republicans Voters Investors Traders People
    Chinese American British French German Japanese Russian Indian Korean European Asian
    African Western Eastern Northern Southern Israeli Palestinian Iranian Ukrainian
    Former Late Acting Breaking Update Updated Editor's Note Photo Video Watch Listen Share
    I'm I'd I've I'll I’m I’d I’ve I’ll We're We've We'll We’re We’ve We’ll You're You've You’re
    You’ve They're They've They’re They’ve It's It’s Let's Let’s Don't Don’t Can't Can’t
""")
# Demonyms and nationality adjectives: never a name on their own.
DEMONYMS = words_of("""
    American Americans Chinese British Briton Britons English Scottish Welsh Irish French
    German Germans Japanese Korean Koreans Russian Russians Indian Indians Pakistani
    Afghan Iranian Iranians Iraqi Israeli Israelis Palestinian Palestinians Saudi Emirati
    Qatari Syrian Lebanese Egyptian Turkish Greek Italian Spanish Portuguese Dutch Belgian
    Swiss Austrian Polish Ukrainian Ukrainians Belarusian Swedish Norwegian Danish Finnish
    Canadian Mexican Brazilian Argentine Chilean Colombian Venezuelan Cuban Australian
    Zealander Malaysian Singaporean Indonesian Filipino Thai Vietnamese Cambodian Laotian
    Burmese Myanmar Taiwanese Mongolian Tibetan Uyghur Uighur Kazakh Nigerian Kenyan
    Ethiopian South African Asian European African Arab Arabs Western Eastern Latin Nordic
    Soviet Communist Republican Republicans Democrat Democrats Democratic Conservative
    Conservatives Labour Liberal Liberals Tory Tories Muslim Muslims Christian Christians
    Jewish Jews Hindu Buddhist Catholic Protestant Sunni Shia Shiite Kurdish Kurds
""")
# Places: countries, regions and cities a news archive names most. A one-word place is
# never a name; a multi-word one (`Kuala Lumpur`) is matched whole.
PLACES = frozenset(p.strip().casefold() for p in """
    Afghanistan, Albania, Algeria, Angola, Argentina, Armenia, Australia, Austria,
    Azerbaijan, Bahrain, Bangladesh, Belarus, Belgium, Bhutan, Bolivia, Bosnia, Botswana,
    Brazil, Brunei, Bulgaria, Burma, Cambodia, Cameroon, Canada, Chad, Chile, China,
    Colombia, Congo, Croatia, Cuba, Cyprus, Czechia, Denmark, Djibouti, Ecuador, Egypt,
    Eritrea, Estonia, Ethiopia, Fiji, Finland, France, Gabon, Gambia, Georgia, Germany, Ghana,
    Greece, Guatemala, Guinea, Haiti, Honduras, Hungary, Iceland, India, Indonesia, Iran,
    Iraq, Ireland, Israel, Italy, Jamaica, Japan, Jordan, Kazakhstan, Kenya, Korea, Kosovo,
    Kuwait, Kyrgyzstan, Laos, Latvia, Lebanon, Liberia, Libya, Lithuania, Luxembourg,
    Madagascar, Malawi, Malaysia, Maldives, Mali, Malta, Mexico, Moldova, Monaco, Mongolia,
    Montenegro, Morocco, Mozambique, Myanmar, Namibia, Nepal, Netherlands, Nicaragua, Niger,
    Nigeria, Norway, Oman, Pakistan, Palestine, Panama, Paraguay, Peru, Philippines, Poland,
    Portugal, Qatar, Romania, Russia, Rwanda, Senegal, Serbia, Singapore, Slovakia, Slovenia,
    Somalia, Spain, Sudan, Sweden, Switzerland, Syria, Taiwan, Tajikistan, Tanzania,
    Thailand, Tibet, Togo, Tonga, Tunisia, Turkey, Turkmenistan, Uganda, Ukraine, Uruguay,
    Uzbekistan, Venezuela, Vietnam, Yemen, Zambia, Zimbabwe, Britain, England, Scotland,
    Wales, Europe, Asia, Africa, America, Americas, Antarctica, Oceania, Eurasia, Arctic,
    Xinjiang, Hong Kong, Macau, Macao, Beijing, Shanghai, Shenzhen, Guangzhou, Wuhan,
    Chongqing, Tianjin, Hangzhou, Nanjing, Tokyo, Osaka, Kyoto, Seoul, Pyongyang, Taipei,
    Manila, Jakarta, Bangkok, Hanoi, Vientiane, Phnom Penh, Yangon, Naypyidaw, Dhaka,
    Kathmandu, Delhi, New Delhi, Mumbai, Kolkata, Chennai, Karachi, Islamabad, Lahore, Kabul,
    Tehran, Baghdad, Damascus, Beirut, Amman, Jerusalem, Gaza, Riyadh, Doha, Dubai, Abu Dhabi,
    Cairo, Ankara, Istanbul, Moscow, Kyiv, Kiev, Minsk, Warsaw, Berlin, Paris, London,
    Brussels, Amsterdam, Vienna, Rome, Madrid, Lisbon, Athens, Geneva, Zurich, Stockholm,
    Oslo, Copenhagen, Helsinki, Dublin, Edinburgh, Washington, New York, Los Angeles,
    San Francisco, Chicago, Boston, Seattle, Houston, Miami, Atlanta, Texas, California,
    Florida, Virginia, Maryland, Ohio, Michigan, Alaska, Hawaii, Ottawa, Toronto, Vancouver,
    Mexico City, Brasilia, Buenos Aires, Santiago, Lima, Bogota, Caracas, Havana, Sydney,
    Melbourne, Canberra, Auckland, Wellington, Nairobi, Lagos, Johannesburg, Pretoria,
    Kuala Lumpur, Putrajaya, Penang, Sabah, Sarawak, Bali, Singapore, Mekong, Tonle Sap,
    Pacific, Atlantic, Mediterranean, Baltic, Balkans, Caucasus, Sahel, Gulf, Crimea,
    Donbas, Kashmir, Punjab, Okinawa, Hokkaido, Mindanao, Luzon, Borneo, Sumatra, Java,
    South Korea, North Korea, South Africa, South Sudan, Saudi Arabia, Sri Lanka,
    New Zealand, United States, United Kingdom, United Nations, Southeast Asia, South Asia,
    East Asia, Central Asia, Middle East, Latin America, North America, South America,
    West Bank, Golan Heights, South China Sea, East China Sea, Taiwan Strait, Indo-Pacific,
    Silicon Valley, Wall Street, Capitol Hill, Downing Street, White House, Kremlin,
    Pentagon, Whitehall, Westminster, Zhongnanhai, Northwood, Sierra Leone, Costa Rica,
    El Salvador, Puerto Rico, Burkina Faso, Ivory Coast, Cape Town, Tel Aviv, San Jose,
    Santa Clara, San Diego, Las Vegas, New Orleans, St Louis, Rio de Janeiro, Sao Paulo,
    São Paulo, Ho Chi Minh City, Addis Ababa, Dar es Salaam, Port Sudan, Khan Younis,
    Kampong Chhnang, Luang Prabang, Siem Reap, Chiang Mai, Mountain View, Palo Alto,
    Fort Worth, Hyde Park, Central Park, Times Square, Trinidad, Tobago, Guyana, Suriname
""".split(","))
# Words that make a capitalised run an organisation, place, event or thing, not a person.
NOT_PERSON_WORDS = frozenset(w.casefold() for w in """
    Department Ministry Ministries Office Commission Committee Council Institute
    Institution University College School Academy Museum Library Foundation Fund Trust
    Association Society Union League Federation Alliance Coalition Organisation Organization
    Agency Authority Administration Bureau Service Services Board Court Parliament Congress
    Senate Assembly Cabinet Government Party Front Movement Army Navy Force Forces Corps
    Guard Police Bank Reserve Exchange Market Markets Group Holdings Company Corporation Corp
    Inc Ltd Co LLC PLC Motors Airlines Airways Systems Technologies Technology Partners
    Capital Investments Research Economics Analytics Consulting Media News Post Times
    Journal Herald Tribune Gazette Daily Weekly Review Network Television Radio Press
    Affairs Command Fleet Brigade Division Securities Sports Sport Channel Secretariat Dal
    Sabha Bloc Maidan Newsroom Plus Centre Center Hospital Clinic Church
    Cathedral Temple Mosque Palace House
    Hall Tower Building Square Street Road Avenue Bridge Airport Station Port Harbour Harbor
    Park Garden Hotel River Lake Sea Ocean Bay Strait Gulf Island Islands Mountain Mountains
    Valley Desert Province State States City County District Region Republic Kingdom
    Empire Territory Peninsula Coast Day Week Month Year Summit Conference Forum Games
    Olympics Cup Championship Festival Awards Prize War Revolution Crisis Act Bill Law
    Treaty Accord Agreement Pact Initiative Plan Programme Program Project Strategy Doctrine
    Declaration Charter Constitution Budget Index Report Survey Census Election Elections
    Campaign Operation Mission Dialogue Talks Meeting Framework Protocol Road Belt Asean Nato
    Opec Brics Fed Treasury Pentagon Kremlin Embassy Consulate Nations
    Christmas Easter Ramadan Eid Diwali Lunar Covid
    International Laboratories Labs Interface Cookbook Properties
    Internet Online App Google Apple Microsoft Amazon Meta Facebook Twitter YouTube TikTok
    WeChat Huawei Tesla Boeing Airbus Toyota Samsung Sony Nvidia Intel Ai
""".split())
# Days and months: never a name on their own or after another word (`Liberation Day`,
# `Mon Apr`), but a given name may come first (`Theresa May`, `June Carter`).
CALENDAR_WORDS = frozenset(w.casefold() for w in """
    Sunday Monday Tuesday Wednesday Thursday Friday Saturday Mon Tue Tues Wed Thu Thur Thurs
    Fri Sat Sun Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec January February March April
    May June July August September October November December
""".split())
