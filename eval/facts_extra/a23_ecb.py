from common import S

SUBTOPIC = '23_ecb'
MAIN = 'Australian doctor Mark Vinar, 43, from Perth, falls to his death (presumed dead) from Zurbriggens Ridge on Mount Cook, New Zealand, on a Thursday; his brother Miles survives two nights on the mountain'
def D(n: int) -> str:
    return f'23_{n}ecb'
NF = 'no text gives the calendar date'
ST = [
 # nights the brother survived on the mountain
 S(D(1), 'survived two nights', 'nights_survived', 2, 'nights'),
 S(D(7), 'spending up to two nights', 'nights_survived', 2, 'nights', q='at most'),
 S(D(8), 'two "horrific" nights', 'nights_survived', 2, 'nights'),
 S(D(9), 'survived two nights', 'nights_survived', 2, 'nights'),
 # the mountain
 S(D(1), 'stuck on Mount Cook', 'mountain', 'Mount Cook'),
 S(D(2), 'on Mt Cook', 'mountain', 'Mount Cook', note='spelled Mt Cook'),
 S(D(3), 'a mountain in New Zealand', 'mountain', 'New Zealand', note='the country only'),
 S(D(4), "New Zealand's highest peak, Mount Cook", 'mountain', 'Mount Cook'),
 S(D(5), "New Zealand's highest peak", 'mountain', 'Mount Cook', note='described as New Zealand\'s highest peak'),
 S(D(7), "New Zealand's Mt Cook", 'mountain', 'Mount Cook', note='spelled Mt Cook'),
 S(D(7), "the country's highest peak", 'mountain', 'Mount Cook', note='described as the country\'s highest peak'),
 S(D(8), 'on Mt Cook', 'mountain', 'Mount Cook', note='spelled Mt Cook'),
 S(D(9), 'stuck on Mount Cook', 'mountain', 'Mount Cook'),
 S(D(10), "New Zealand's highest mountain", 'mountain', 'Mount Cook', note='described as New Zealand\'s highest mountain'),
 # the ridge
 S(D(2), 'Zurbriggens Ridge', 'ridge', 'Zurbriggens Ridge'),
 S(D(8), 'a notorious ridge on Mt Cook', 'ridge', 'a ridge on Mount Cook', note='the ridge is not named'),
 # the dead brother
 S(D(2), 'Dr Mark Vinar', 'victim_name', 'Mark Vinar'),
 S(D(4), 'Mark Vinar', 'victim_name', 'Mark Vinar'),
 S(D(2), 'Dr Mark Vinar, 43', 'victim_age', 43, 'years'),
 S(D(2), 'Dr Mark Vinar', 'victim_occupation', 'doctor', note='"Dr"'),
 S(D(3), 'a Perth doctor', 'victim_occupation', 'doctor'),
 S(D(3), 'a Perth doctor', 'victim_hometown', 'Perth'),
 S(D(4), 'an Australian climber from Perth', 'victim_hometown', 'Perth'),
 S(D(4), 'an Australian climber', 'victim_nationality', 'Australian'),
 S(D(2), 'is presumed dead', 'victim_fate', 'presumed dead'),
 S(D(3), 'feared dead', 'victim_fate', 'presumed dead', note='"feared dead"'),
 S(D(4), 'has been presumed dead', 'victim_fate', 'presumed dead'),
 S(D(1), 'seeing his brother die', 'victim_fate', 'dead'),
 S(D(5), 'watched his brother fall to his death', 'victim_fate', 'dead'),
 S(D(6), 'seeing his brother plunge to his death', 'victim_fate', 'dead'),
 S(D(7), 'seeing his brother fall to his death', 'victim_fate', 'dead'),
 S(D(8), 'watched his brother fall to his death', 'victim_fate', 'dead'),
 S(D(9), 'seeing his brother die', 'victim_fate', 'dead'),
 S(D(4), 'falling over half a kilometre', 'fall_distance', 0.5, 'km', q='more than'),
 S(D(2), 'on Thursday', 'date_of_fall', 'Thursday', note=NF),
 S(D(6), 'on Thursday', 'date_of_fall', 'Thursday', note=NF),
 # the surviving brother
 S(D(1), 'AN AUSTRALIAN climber', 'survivor_nationality', 'Australian'),
 S(D(5), 'AN AUSTRALIAN climber', 'survivor_nationality', 'Australian'),
 S(D(9), 'An Australian climber', 'survivor_nationality', 'Australian'),
 S(D(7), 'A Perth man', 'survivor_hometown', 'Perth'),
 S(D(10), 'a Perth mountain climber', 'survivor_hometown', 'Perth'),
 S(D(6), 'Miles Vinar', 'survivor_name', 'Miles Vinar'),
 S(D(7), 'in an ice cave', 'survivor_shelter', 'ice cave'),
]
LABELS = {
 'nights_survived': ('complement', 'Three say two nights; 23_7ecb says up to two nights (a bound against the point).'),
 'mountain': ('complement', 'All but one name Mount Cook (Mt Cook, New Zealand\'s highest peak); 23_3ecb says only a mountain in New Zealand.'),
 'ridge': ('complement', '23_2ecb names Zurbriggens Ridge; 23_8ecb says a notorious ridge on Mt Cook without a name.'),
 'victim_name': ('agree', 'Both say Mark Vinar.'),
 'victim_age': ('single-source', 'Only 23_2ecb.'),
 'victim_occupation': ('agree', 'Both say doctor (Dr).'),
 'victim_hometown': ('agree', 'Both say Perth.'),
 'victim_nationality': ('single-source', 'Only 23_4ecb says the dead brother is Australian.'),
 'victim_fate': ('complement', 'Three say presumed (feared) dead, six say the brother saw him fall to his death; compatible, the survivor\'s account is the more definite.'),
 'fall_distance': ('single-source', 'Only 23_4ecb.'),
 'date_of_fall': ('agree', 'Both say Thursday.'),
 'survivor_nationality': ('agree', 'All three say Australian.'),
 'survivor_hometown': ('agree', 'Both say Perth.'),
 'survivor_name': ('single-source', 'Only 23_6ecb.'),
 'survivor_shelter': ('single-source', 'Only 23_7ecb.'),
}
