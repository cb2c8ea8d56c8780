from common import S

SUBTOPIC = '11_ecbplus'
MAIN = "Turkmenistan's Central Commission for Elections and Referenda announces (26 September 2013) that the parliamentary (Mejlis) elections of 15 December 2013 will be held on a two-party basis, for the first time"
def D(n: int) -> str:
    return f'11_{n}ecbplus'
ED = '2013-12-15'
CEC = 'Central Commission for Elections and Referenda of Turkmenistan'
OBS = 'European Union; CIS; OSCE'
ST = [
 # election date
 S(D(1), 'planned for December 15, 2013', 'election_date', ED),
 S(D(2), 'scheduled for December 15 of this year', 'election_date', ED, note='"this year" resolved with the dateline, 27 September 2013'),
 S(D(3), 'the December 15 election', 'election_date', ED, note='year from the dateline (2013-09-26)'),
 S(D(4), 'scheduled for December 15, 2013', 'election_date', ED),
 S(D(5), 'on December 15 2013', 'election_date', ED),
 # number of parties
 S(D(1), 'to be held on two-party basis', 'party_count', 2, 'parties'),
 S(D(1), 'will be held on a two-party basis', 'party_count', 2, 'parties'),
 S(D(1), 'the two political parties', 'party_count', 2, 'parties'),
 S(D(2), 'first-ever parliamentary elections on a two-party basis', 'party_count', 2, 'parties'),
 S(D(2), 'will be held on a two-party basis', 'party_count', 2, 'parties'),
 S(D(3), 'to have 2 parties', 'party_count', 2, 'parties'),
 S(D(3), 'will have two parties', 'party_count', 2, 'parties'),
 # first time
 S(D(2), 'first-ever parliamentary elections on a two-party basis', 'first_time', 'first time'),
 S(D(2), 'for the first time in the country’s history', 'first_time', 'first time'),
 S(D(3), 'for 1st time', 'first_time', 'first time'),
 S(D(3), "For the first time in post-Soviet Turkmenistan's history", 'first_time', 'first time'),
 # who announced it
 S(D(1), 'the Central Commission for Elections and Referenda of Turkmenistan', 'announced_by', CEC),
 S(D(2), 'the Central Elections Commission of Turkmenistan', 'announced_by', CEC, note='worded Central Elections Commission of Turkmenistan'),
 S(D(3), "the country's Central Election and Referendum Commission (TsKVPR)", 'announced_by', CEC, note='worded Central Election and Referendum Commission (TsKVPR)'),
 # the parties
 S(D(1), 'a party of Turkmenistan industrialists and entrepreneurs', 'second_party', 'Party of Industrialists and Entrepreneurs'),
 S(D(3), 'the Party of Industrialists and Entrepreneurs (PPPT)', 'second_party', 'Party of Industrialists and Entrepreneurs'),
 S(D(1), 'was established in August 2012', 'second_party_founded', '2012-08'),
 S(D(3), 'founded in 2012', 'second_party_founded', '2012'),
 S(D(1), 'the Democratic Party', 'ruling_party', 'Democratic Party'),
 S(D(3), 'the ruling Democratic Party', 'ruling_party', 'Democratic Party'),
 S(D(1), 'President Gurbanguly Berdimuhamedov', 'president', 'Gurbanguly Berdimuhamedov'),
 S(D(3), 'parliament has one PPPT member', 'pppt_seats', 1, 'seats', asof='2013-09-26'),
 S(D(3), 'won a vacated seat in Akhal Oblast in June', 'pppt_byelection', '2013-06', note='year from the dateline (inferred)'),
 # the parliament
 S(D(3), 'Parliament has 125 seats', 'seats', 125, 'seats'),
 S(D(4), '125 electoral districts', 'electoral_districts', 125, 'districts'),
 S(D(4), 'Ashgabat city-15', 'districts_ashgabat', 15, 'districts'),
 S(D(4), 'Akhal province-15', 'districts_akhal', 15, 'districts'),
 S(D(4), 'Balkan province-10', 'districts_balkan', 10, 'districts'),
 S(D(4), 'Dashoguz province-27', 'districts_dashoguz', 27, 'districts'),
 S(D(4), 'Lebap province-28', 'districts_lebap', 28, 'districts'),
 S(D(4), 'Mary province-30', 'districts_mary', 30, 'districts'),
 S(D(1), 'The MPs term of office is five years', 'term_of_office', 5, 'years'),
 S(D(4), 'The MPs term of office is five years', 'term_of_office', 5, 'years'),
 S(D(5), 'The term of office of Turkmen MPs is five years', 'term_of_office', 5, 'years'),
 # the timetable
 S(D(1), 'will be announced on October 5, 2013', 'campaign_start', '2013-10-05'),
 S(D(3), 'The campaign starts October 5', 'campaign_start', '2013-10-05', note='year from the dateline (2013-09-26)'),
 S(D(4), 'will be announced on October 5, 2013', 'campaign_start', '2013-10-05'),
 S(D(1), 'from October 16 to November 14', 'nomination_period', '2013-10-16..2013-11-14', note='year from the dateline'),
 S(D(4), 'from October 16 to November 14', 'nomination_period', '2013-10-16..2013-11-14', note='year from the dateline'),
 S(D(1), 'from October 26 to November 20', 'registration_period', '2013-10-26..2013-11-20', note='year from the dateline'),
 S(D(4), 'from October 26 to November 20', 'registration_period', '2013-10-26..2013-11-20', note='year from the dateline'),
 S(D(1), 'the European Union, the CIS and the OSCE', 'international_observers', OBS),
 S(D(4), 'the European Union, the CIS and the OSCE', 'international_observers', OBS),
 S(D(5), 'the European Union, CIS and OSCE', 'international_observers', OBS),
 # the UN seminar (11_5ecbplus)
]
LABELS = {
 'election_date': ('agree', 'All five say 15 December 2013.'),
 'party_count': ('agree', 'All say two parties.'),
 'first_time': ('agree', 'Both 11_2ecbplus and 11_3ecbplus say it is the first time.'),
 'announced_by': ('agree', "All three name Turkmenistan's Central Commission for Elections and Referenda (worded differently)."),
 'second_party': ('agree', 'Both name the Party of Industrialists and Entrepreneurs.'),
 'second_party_founded': ('complement', '11_1ecbplus says August 2012, 11_3ecbplus 2012 (the year only).'),
 'ruling_party': ('agree', 'Both say the Democratic Party.'),
 'president': ('single-source', 'Only 11_1ecbplus.'),
 'pppt_seats': ('single-source', 'Only 11_3ecbplus.'),
 'pppt_byelection': ('single-source', 'Only 11_3ecbplus.'),
 'seats': ('single-source', 'Only 11_3ecbplus gives the seats (11_4ecbplus gives 125 districts, its own key).'),
 'electoral_districts': ('single-source', 'Only 11_4ecbplus.'),
 'districts_ashgabat': ('single-source', 'Only 11_4ecbplus.'),
 'districts_akhal': ('single-source', 'Only 11_4ecbplus.'),
 'districts_balkan': ('single-source', 'Only 11_4ecbplus.'),
 'districts_dashoguz': ('single-source', 'Only 11_4ecbplus.'),
 'districts_lebap': ('single-source', 'Only 11_4ecbplus.'),
 'districts_mary': ('single-source', 'Only 11_4ecbplus.'),
 'term_of_office': ('agree', 'All three say five years.'),
 'campaign_start': ('agree', 'All three say 5 October 2013 (announced or starting).'),
 'nomination_period': ('agree', 'Both say 16 October to 14 November.'),
 'registration_period': ('agree', 'Both say 26 October to 20 November.'),
 'international_observers': ('agree', 'All three name the European Union, the CIS and the OSCE.'),
}
