import type { AdvisoryLevel } from '../../shared/domain/advisory-level';
import type { Organization } from '../../shared/domain/organization';
import type { ContentOf, PublicationContent } from '../../shared/domain/publication-content';
import type { RiskIndicator } from '../../shared/domain/risk-indicator';
import type { Role } from '../../shared/domain/sharing';

/**
 * Demo content for the local platform's seed: organizations, people and
 * publications of every kind. Plausible and neutral, but demo data: levels,
 * figures and contacts are illustrative, not the Department's current ones.
 */

/** Paragraphs and blocks of Markdown, separated by blank lines. */
const md = (...blocks: string[]): string => blocks.join('\n\n');
/** A Markdown bullet list. */
const bullets = (...items: string[]): string => items.map((item) => `- ${item}`).join('\n');

interface AdvisoryInput {
  country: string;
  /** The name used in prose; may differ from the ISO short name (e.g. "Burma (Myanmar)"). */
  name: string;
  level: AdvisoryLevel;
  indicators: RiskIndicator[];
  summary: string;
  body: string;
}

function advisory({ country, name, level, indicators, summary, body }: AdvisoryInput): ContentOf<'travel-advisory'> {
  return {
    kind: 'travel-advisory',
    title: `${name} Travel Advisory`,
    countries: [country],
    summary,
    body,
    sharing: 'TLP:CLEAR',
    level,
    indicators,
  };
}

/** One public travel advisory per country: 51 countries, all four levels, at least eight countries in each of the six regions. */
export const SEED_ADVISORIES: ContentOf<'travel-advisory'>[] = [
  // ── AF ──────────────────────────────────────────────────────────────────
  advisory({
    country: 'KE',
    name: 'Kenya',
    level: 2,
    indicators: ['C', 'T', 'U', 'K'],
    summary: 'Exercise increased caution in Kenya due to crime, terrorism, civil unrest, and kidnapping. Some areas have increased risk.',
    body: md(
      'Violent crime, such as armed carjacking, mugging, and home invasion, can occur at any time. Local police are willing but may lack the capability to respond effectively to serious incidents.',
      'Terrorist groups continue to plot possible attacks in Kenya, including in Nairobi and coastal areas, and may target places frequented by foreigners such as hotels, shopping malls, and places of worship.',
      '## Do not travel to',
      bullets(
        'Kenya–Somalia border counties of Mandera, Wajir, and Garissa due to terrorism and kidnapping.',
        'Coastal areas north of Pate Island, including Kiwayu, due to terrorism and kidnapping.',
      ),
      '## If you decide to travel to Kenya',
      bullets(
        'Be aware of your surroundings and avoid demonstrations and large crowds.',
        'Do not leave food or valuables in plain sight in vehicles; keep windows up and doors locked.',
        'Enroll in the Smart Traveler Enrollment Program (STEP) to receive alerts.',
      ),
    ),
  }),
  advisory({
    country: 'NG',
    name: 'Nigeria',
    level: 3,
    indicators: ['C', 'T', 'U', 'K', 'H'],
    summary: 'Reconsider travel to Nigeria due to crime, terrorism, civil unrest, kidnapping, and limited health care. Some areas have increased risk.',
    body: md(
      'Violent crime, such as armed robbery, assault, carjacking, and kidnapping for ransom, is common throughout Nigeria. Terrorist groups continue to carry out attacks, primarily in the northeast.',
      'Health care facilities are often poorly equipped, and medicines may be in short supply or counterfeit.',
      '## Do not travel to',
      bullets(
        'Borno, Yobe, and northern Adamawa states due to terrorism and kidnapping.',
        'Bauchi, Gombe, Kaduna, Katsina, Kogi, and Zamfara states due to kidnapping.',
        'Coastal areas of Akwa Ibom, Bayelsa, Cross River, Delta, and Rivers states (except Port Harcourt) due to crime, kidnapping, and maritime crime.',
      ),
      'U.S. government employees must obtain approval before travel outside Abuja and Lagos and may use only armored vehicles in some areas.',
    ),
  }),
  advisory({
    country: 'GH',
    name: 'Ghana',
    level: 1,
    indicators: ['C'],
    summary: 'Exercise normal precautions in Ghana.',
    body: md(
      'Petty crime, including pickpocketing and bag snatching, occurs in crowded markets, at beaches, and at transport hubs in Accra and Kumasi.',
      'Use licensed taxis or ride-share services, keep copies of your passport separate from the original, and avoid walking alone after dark in unfamiliar areas.',
    ),
  }),
  advisory({
    country: 'SN',
    name: 'Senegal',
    level: 1,
    indicators: ['C'],
    summary: 'Exercise normal precautions in Senegal. Some areas have increased risk.',
    body: md(
      'Street crime, such as pickpocketing and purse snatching, occurs in Dakar, especially around markets, the Corniche, and the airport.',
      'Exercise increased caution in the Casamance region, where landmines from past conflict remain in some rural areas. Travel on main roads during daylight and follow local guidance.',
    ),
  }),
  advisory({
    country: 'CI',
    name: "Côte d'Ivoire",
    level: 2,
    indicators: ['C', 'T'],
    summary: "Exercise increased caution in Côte d'Ivoire due to crime & terrorism. Some areas have increased risk.",
    body: md(
      'Violent crime, such as carjacking, robbery, and home invasion, occurs in Abidjan — particularly in the "Plateau" & "Treichville" districts after dark. Police may be slow to respond.',
      "Terrorist groups operating in the Sahel have stated their intent to target places frequented by foreigners, and attacks have occurred in Côte d'Ivoire's northern border region.",
      "Road travel outside cities is safest in daylight. Checkpoints are common, and a journey of < 100 km on secondary roads can take several hours. Carry your passport & a copy of your visa at all times.",
    ),
  }),
  advisory({
    country: 'ZA',
    name: 'South Africa',
    level: 2,
    indicators: ['C', 'U', 'O'],
    summary: 'Exercise increased caution in South Africa due to crime and civil unrest.',
    body: md(
      'Violent crime, such as armed robbery, rape, carjacking, mugging, and "smash-and-grab" attacks on vehicles, is common, particularly in central business districts of major cities after dark.',
      'Demonstrations and labor strikes occur and can turn violent with little warning. Scheduled power outages ("load shedding") can affect traffic signals, security systems, and mobile networks.',
    ),
  }),
  advisory({
    country: 'TZ',
    name: 'Tanzania',
    level: 2,
    indicators: ['C', 'T'],
    summary: 'Exercise increased caution in Tanzania due to crime and terrorism. Some areas have increased risk.',
    body: md(
      'Violent crime, such as assault, sexual assault, robbery, and carjacking, is common. Terrorists may attack with little or no warning, targeting locations frequented by tourists and foreigners.',
      'Exercise increased caution in the Mtwara region near the border with Mozambique due to the risk of cross-border violence. U.S. government travel to that area requires advance approval.',
    ),
  }),
  advisory({
    country: 'ML',
    name: 'Mali',
    level: 4,
    indicators: ['C', 'T', 'U', 'K'],
    summary: 'Do not travel to Mali due to crime, terrorism, civil unrest, and kidnapping.',
    body: md(
      'Violent crime, such as kidnapping and armed robbery, is common in Bamako and in southern Mali. Terrorist and armed groups continue plotting kidnappings and attacks throughout the country.',
      'The U.S. government has limited ability to provide emergency services to U.S. citizens in Mali, as U.S. government employees must obtain approval for travel outside Bamako.',
    ),
  }),
  advisory({
    country: 'SO',
    name: 'Somalia',
    level: 4,
    indicators: ['C', 'T', 'U', 'H', 'K'],
    summary: 'Do not travel to Somalia due to crime, terrorism, civil unrest, health issues, kidnapping, and piracy.',
    body: md(
      'Violent crime, such as kidnapping and murder, is common throughout Somalia. Terrorists continue to plot attacks against hotels, airports, government facilities, and other places frequented by officials and foreigners.',
      'Piracy is active in the waters off the Horn of Africa. There is no U.S. embassy presence outside Mogadishu, and the ability to provide consular services anywhere in Somalia is very limited.',
    ),
  }),

  // ── EAP ─────────────────────────────────────────────────────────────────
  advisory({
    country: 'JP',
    name: 'Japan',
    level: 1,
    indicators: ['N'],
    summary: 'Exercise normal precautions in Japan.',
    body: md(
      'Japan is subject to earthquakes, tsunamis, typhoons, and volcanic activity. Learn the evacuation routes near your accommodation and follow instructions from local authorities.',
      'Japanese law strictly prohibits bringing in certain medications, including some that are legal in the United States; check before you travel.',
    ),
  }),
  advisory({
    country: 'KR',
    name: 'South Korea',
    level: 1,
    indicators: [],
    summary: 'Exercise normal precautions in the Republic of Korea.',
    body: md(
      'The security environment is generally stable. Civil defense drills are held periodically; follow the instructions of local authorities during drills.',
      'Large demonstrations occur in central Seoul, mostly peacefully. Avoid demonstration areas and monitor local media.',
    ),
  }),
  advisory({
    country: 'AU',
    name: 'Australia',
    level: 1,
    indicators: ['N'],
    summary: 'Exercise normal precautions in Australia.',
    body: md(
      'Bushfires, floods, and tropical cyclones occur seasonally and can close roads and national parks at short notice. Monitor state emergency service warnings.',
      'Swim only at patrolled beaches between the red and yellow flags, and be aware of strong currents and marine wildlife.',
    ),
  }),
  advisory({
    country: 'TH',
    name: 'Thailand',
    level: 1,
    indicators: ['T', 'U'],
    summary: 'Exercise normal precautions in Thailand. Some areas have increased risk.',
    body: md(
      'Reconsider travel to Yala, Pattani, Narathiwat, and Songkhla provinces due to civil unrest associated with historic ethno-nationalist insurgent violence.',
      'Elsewhere, exercise normal precautions. Demonstrations occur in Bangkok and can disrupt traffic; avoid large gatherings.',
    ),
  }),
  advisory({
    country: 'PH',
    name: 'Philippines',
    level: 2,
    indicators: ['C', 'T', 'U', 'K'],
    summary: 'Exercise increased caution in the Philippines due to crime, terrorism, civil unrest, and kidnapping. Some areas have increased risk.',
    body: md(
      'Terrorist and armed groups continue plotting kidnappings, bombings, and other attacks in the Philippines, and may attack with little or no warning.',
      'Reconsider travel to Marawi City in Mindanao due to terrorism and civil unrest. Do not travel to the Sulu Archipelago, including the southern Sulu Sea, due to crime, terrorism, civil unrest, and kidnapping.',
    ),
  }),
  advisory({
    country: 'ID',
    name: 'Indonesia',
    level: 2,
    indicators: ['T', 'U', 'N'],
    summary: 'Exercise increased caution in Indonesia due to terrorism and natural disasters. Some areas have increased risk.',
    body: md(
      'Terrorists may attack with little or no warning, targeting police stations, places of worship, hotels, bars, and other places frequented by foreigners.',
      'Indonesia experiences earthquakes, tsunamis, and volcanic eruptions. Reconsider travel to the Papua provinces due to civil unrest; demonstrations there can become violent.',
    ),
  }),
  advisory({
    country: 'KP',
    name: 'North Korea',
    level: 4,
    indicators: ['D', 'O'],
    summary: 'Do not travel to North Korea due to the continuing serious risk of arrest and long-term detention of U.S. nationals.',
    body: md(
      'U.S. passports are not valid for travel to, through, or in North Korea unless specially validated by the Department of State. Special validations are granted only in very limited circumstances.',
      'The U.S. government has no diplomatic or consular relations with North Korea and cannot provide emergency services to U.S. citizens there.',
    ),
  }),
  advisory({
    country: 'MM',
    name: 'Burma (Myanmar)',
    level: 4,
    indicators: ['U', 'D', 'O'],
    summary: 'Do not travel to Burma due to civil unrest and armed conflict. Exercise increased caution due to the arbitrary enforcement of local laws.',
    body: md(
      'Armed conflict continues in many parts of the country, including Chin, Kachin, Kayah, Kayin, Rakhine, and Shan states and the Sagaing and Magway regions. Landmines and unexploded ordnance are present in conflict areas.',
      'Local laws may be enforced arbitrarily, and U.S. citizens have been detained. Internet and mobile service may be restricted without notice.',
    ),
  }),

  // ── EUR ─────────────────────────────────────────────────────────────────
  advisory({
    country: 'FR',
    name: 'France',
    level: 2,
    indicators: ['T', 'U'],
    summary: 'Exercise increased caution in France due to terrorism and civil unrest.',
    body: md(
      'Terrorist groups continue plotting possible attacks in France, targeting tourist locations, transportation hubs, markets, shopping malls, and places of worship.',
      'Peaceful demonstrations and strikes can disrupt transportation and occasionally turn violent. Avoid demonstration areas and follow instructions from local authorities.',
    ),
  }),
  advisory({
    country: 'DE',
    name: 'Germany',
    level: 2,
    indicators: ['T'],
    summary: 'Exercise increased caution in Germany due to terrorism.',
    body: md(
      'Terrorist groups continue plotting possible attacks in Germany, including at seasonal events such as holiday markets, and at transportation hubs and shopping centers.',
      'Be aware of your surroundings in crowded places and monitor local media for breaking events.',
    ),
  }),
  advisory({
    country: 'GB',
    name: 'United Kingdom',
    level: 2,
    indicators: ['T'],
    summary: 'Exercise increased caution in the United Kingdom due to terrorism.',
    body: md(
      'Terrorist groups continue plotting possible attacks in the United Kingdom, which may occur with little or no warning at tourist locations, transportation hubs, and public events.',
      'The UK government publishes its national threat level; review it before travel and follow police instructions in the event of an incident.',
    ),
  }),
  advisory({
    country: 'PL',
    name: 'Poland',
    level: 1,
    indicators: ['C'],
    summary: 'Exercise normal precautions in Poland.',
    body: md(
      'Petty crime such as pickpocketing occurs in tourist areas, on public transportation, and at train stations.',
      'Some nightclubs have been associated with inflated bills and drink-spiking; keep an eye on your drink and your bill.',
    ),
  }),
  advisory({
    country: 'TR',
    name: 'Türkiye',
    level: 2,
    indicators: ['T', 'D'],
    summary: 'Exercise increased caution in Türkiye due to terrorism and arbitrary detentions. Some areas have increased risk.',
    body: md(
      'Terrorist groups continue plotting possible attacks in Türkiye, including against tourist locations, transportation hubs, and places of worship.',
      'Do not travel to Sirnak and Hakkari provinces, or to areas within 10 kilometers of the border with Syria, due to terrorism.',
      'Security forces have detained individuals on the basis of social media posts; exercise care in what you post while in the country.',
    ),
  }),
  advisory({
    country: 'UA',
    name: 'Ukraine',
    level: 4,
    indicators: ['C', 'O'],
    summary: 'Do not travel to Ukraine due to active armed conflict.',
    body: md(
      'Missile and drone attacks can occur anywhere in the country, including in Kyiv and western Ukraine. Heed air-raid alerts and know the location of the nearest shelter.',
      'U.S. citizens in Ukraine should have a personal evacuation plan that does not rely on U.S. government assistance. The Embassy in Kyiv can provide only limited consular services.',
    ),
  }),
  advisory({
    country: 'RU',
    name: 'Russia',
    level: 4,
    indicators: ['T', 'D', 'U', 'O'],
    summary: 'Do not travel to Russia due to the consequences of the armed conflict with Ukraine, the risk of wrongful detention, the arbitrary enforcement of local laws, and terrorism.',
    body: md(
      'U.S. citizens, including dual nationals, have been questioned and detained by Russian officials without basis and denied fair and transparent treatment.',
      'Flights into and out of Russia are limited, and the U.S. Embassy in Moscow has limited ability to assist U.S. citizens. U.S. credit and debit cards do not work in Russia.',
    ),
  }),
  advisory({
    country: 'BY',
    name: 'Belarus',
    level: 4,
    indicators: ['D', 'U', 'O'],
    summary: 'Do not travel to Belarus due to the arbitrary enforcement of local laws, the risk of detention, and the Embassy’s limited ability to assist U.S. citizens.',
    body: md(
      'The U.S. Embassy in Minsk suspended operations in February 2022. The Embassy has a very limited ability to help U.S. citizens in Belarus.',
      'Belarusian authorities have detained people for participating in demonstrations, for wearing symbols associated with opposition movements, and for social media activity.',
    ),
  }),

  // ── NEA ─────────────────────────────────────────────────────────────────
  advisory({
    country: 'EG',
    name: 'Egypt',
    level: 3,
    indicators: ['T', 'O'],
    summary: 'Reconsider travel to Egypt due to terrorism. Some areas have increased risk.',
    body: md(
      'Terrorist groups continue plotting possible attacks in Egypt, targeting diplomatic facilities, tourist locations, transportation hubs, and places of worship.',
      'Do not travel to the Sinai Peninsula (with the exception of travel to Sharm El-Sheikh by air) or to the Western Desert, due to terrorism. Do not travel to Egyptian border areas due to military zones.',
    ),
  }),
  advisory({
    country: 'MA',
    name: 'Morocco',
    level: 2,
    indicators: ['T'],
    summary: 'Exercise increased caution in Morocco due to terrorism.',
    body: md(
      'Terrorist groups continue plotting possible attacks in Morocco and may target tourist locations, transportation hubs, and markets with little or no warning.',
      'Demonstrations occur in major cities, are generally peaceful, and are usually announced in advance. Avoid demonstration areas.',
    ),
  }),
  advisory({
    country: 'JO',
    name: 'Jordan',
    level: 2,
    indicators: ['T'],
    summary: 'Exercise increased caution in Jordan due to terrorism. Some areas have increased risk.',
    body: md(
      'Terrorist groups continue plotting possible attacks in Jordan, including against places frequented by tourists and Westerners.',
      'Do not travel within 3 kilometers of the Syrian border or to the Rukban refugee camp due to terrorism and armed conflict.',
    ),
  }),
  advisory({
    country: 'AE',
    name: 'United Arab Emirates',
    level: 2,
    indicators: ['T'],
    summary: 'Exercise increased caution in the United Arab Emirates due to the threat of missile or drone attacks and terrorism.',
    body: md(
      'The possibility of attacks affecting U.S. citizens and interests in the Gulf region remains a concern. Follow instructions from local authorities in the event of an alert.',
      'Local laws on public conduct, social media, and medications are strict. Review them before travel.',
    ),
  }),
  advisory({
    country: 'OM',
    name: 'Oman',
    level: 1,
    indicators: [],
    summary: 'Exercise normal precautions in Oman.',
    body: md(
      'Oman’s security environment is generally stable. Crime rates are low, though petty theft occurs in markets and tourist areas.',
      'Flash floods can occur in wadis during heavy rain, even when skies are clear locally. Do not attempt to drive through flooded wadis.',
    ),
  }),
  advisory({
    country: 'TN',
    name: 'Tunisia',
    level: 2,
    indicators: ['T'],
    summary: 'Exercise increased caution in Tunisia due to terrorism. Some areas have increased risk.',
    body: md(
      'Terrorist groups may attack with little or no warning, targeting tourist locations, transportation hubs, and places of worship.',
      'Do not travel to the Chaambi Mountain National Park area, the Sammama, Salloum, and Orbata mountain areas, the desert south of Remada, or within 30 kilometers of the Libyan border, due to terrorism.',
    ),
  }),
  advisory({
    country: 'IQ',
    name: 'Iraq',
    level: 4,
    indicators: ['T', 'K', 'U', 'O'],
    summary: 'Do not travel to Iraq due to terrorism, kidnapping, armed conflict, civil unrest, and Mission Iraq’s limited capacity to provide support to U.S. citizens.',
    body: md(
      'U.S. citizens in Iraq are at high risk for violence and kidnapping. Terrorist and militia groups regularly attack both Iraqi security forces and civilians.',
      'Demonstrations, protests, and strikes occur frequently and can develop quickly without notice, often resulting in road closures.',
    ),
  }),
  advisory({
    country: 'SY',
    name: 'Syria',
    level: 4,
    indicators: ['T', 'U', 'K', 'D', 'O'],
    summary: 'Do not travel to Syria due to terrorism, civil unrest, kidnapping, armed conflict, and the risk of unjust detention.',
    body: md(
      'The U.S. Embassy in Damascus suspended its operations in February 2012. The Czech Republic serves as the protecting power for the United States in Syria.',
      'Armed conflict, kidnappings, and unexploded ordnance continue to pose risks throughout the country, and the security situation can change quickly.',
    ),
  }),
  advisory({
    country: 'YE',
    name: 'Yemen',
    level: 4,
    indicators: ['T', 'U', 'H', 'K', 'O'],
    summary: 'Do not travel to Yemen due to terrorism, civil unrest, health risks, kidnapping, armed conflict, and landmines.',
    body: md(
      'The U.S. Embassy in Sanaa suspended its operations in February 2015. The U.S. government is unable to provide any routine or emergency consular services to U.S. citizens in Yemen.',
      'Terrorist groups continue to plot and conduct attacks throughout the country. Landmines and unexploded ordnance are present in many areas.',
    ),
  }),
  advisory({
    country: 'LB',
    name: 'Lebanon',
    level: 3,
    indicators: ['C', 'T', 'U', 'K', 'O'],
    summary: 'Reconsider travel to Lebanon due to crime, terrorism, armed clashes, kidnapping, and unexploded landmines. Some areas have increased risk.',
    body: md(
      'Do not travel to southern Lebanon, the Lebanon–Syria border, or refugee settlements, due to the potential for armed conflict.',
      'Demonstrations can occur with little notice and can turn violent. U.S. government employees must obtain approval before travel outside Beirut.',
    ),
  }),

  // ── SCA ─────────────────────────────────────────────────────────────────
  advisory({
    country: 'IN',
    name: 'India',
    level: 2,
    indicators: ['C', 'T'],
    summary: 'Exercise increased caution in India due to crime and terrorism. Some areas have increased risk.',
    body: md(
      'Violent crime, including sexual assault, has occurred at tourist sites and other locations. Women travelers should take particular care when traveling alone or at night.',
      'Do not travel to the union territory of Jammu & Kashmir (except the eastern Ladakh region and its capital, Leh) due to terrorism and civil unrest, or within 10 kilometers of the India–Pakistan border due to the potential for armed conflict.',
    ),
  }),
  advisory({
    country: 'PK',
    name: 'Pakistan',
    level: 3,
    indicators: ['T', 'K'],
    summary: 'Reconsider travel to Pakistan due to terrorism and sectarian violence. Some areas have increased risk.',
    body: md(
      'Terrorist groups continue plotting attacks in Pakistan. Attacks have targeted civilians, places of worship, security forces, and transportation.',
      'Do not travel to Balochistan or Khyber Pakhtunkhwa provinces, including the former Federally Administered Tribal Areas, due to terrorism and kidnapping, or to the vicinity of the Line of Control due to the potential for armed conflict.',
    ),
  }),
  advisory({
    country: 'NP',
    name: 'Nepal',
    level: 1,
    indicators: ['N'],
    summary: 'Exercise normal precautions in Nepal.',
    body: md(
      'Nepal is prone to earthquakes, and monsoon rains from June to September cause landslides and flooding that can close roads and cancel domestic flights.',
      'Trekkers should use a registered guide, buy insurance that covers helicopter evacuation, and be alert to the symptoms of altitude sickness.',
    ),
  }),
  advisory({
    country: 'LK',
    name: 'Sri Lanka',
    level: 2,
    indicators: ['T'],
    summary: 'Exercise increased caution in Sri Lanka due to terrorism.',
    body: md(
      'Terrorists may attack with little or no warning, targeting tourist locations, transportation hubs, shopping malls, hotels, places of worship, and parks.',
      'Demonstrations occur in Colombo and elsewhere. Avoid large gatherings and monitor local media.',
    ),
  }),
  advisory({
    country: 'KZ',
    name: 'Kazakhstan',
    level: 1,
    indicators: [],
    summary: 'Exercise normal precautions in Kazakhstan.',
    body: md(
      'Carry your passport and migration documents at all times; police may ask to see them. Registration requirements depend on your length of stay.',
      'Winter conditions can make road travel between cities hazardous. Check forecasts before long drives.',
    ),
  }),
  advisory({
    country: 'AF',
    name: 'Afghanistan',
    level: 4,
    indicators: ['C', 'T', 'U', 'K', 'D', 'O'],
    summary: 'Do not travel to Afghanistan due to civil unrest, crime, terrorism, the risk of wrongful detention, kidnapping, and limited health facilities.',
    body: md(
      'The U.S. Embassy in Kabul suspended operations in August 2021. The U.S. government cannot provide routine or emergency consular services to U.S. citizens in Afghanistan.',
      'Terrorist attacks, kidnapping, and detention of foreign nationals, including U.S. citizens, continue throughout the country.',
    ),
  }),
  advisory({
    country: 'BD',
    name: 'Bangladesh',
    level: 3,
    indicators: ['C', 'T', 'U', 'K'],
    summary: 'Reconsider travel to Bangladesh due to civil unrest. Exercise increased caution due to crime, terrorism, and kidnapping.',
    body: md(
      'Demonstrations, including those intended to be peaceful, can turn violent with little notice. Large political gatherings and general strikes ("hartals") can disrupt transportation nationwide.',
      'Do not travel to the Khagrachari, Rangamati, and Bandarban hill tract districts due to communal violence, crime, and kidnapping.',
    ),
  }),
  advisory({
    country: 'UZ',
    name: 'Uzbekistan',
    level: 2,
    indicators: ['T'],
    summary: 'Exercise increased caution in Uzbekistan due to terrorism. Some areas have increased risk.',
    body: md(
      'Terrorist groups may plot attacks in Central Asia, and may target tourist locations and places frequented by foreigners.',
      'Reconsider travel to areas along the border with Afghanistan. Register with local authorities as required; hotels usually do this for guests.',
    ),
  }),

  // ── WHA ─────────────────────────────────────────────────────────────────
  advisory({
    country: 'MX',
    name: 'Mexico',
    level: 2,
    indicators: ['C', 'K'],
    summary: 'Exercise increased caution in Mexico due to crime and kidnapping. Advice differs by state.',
    body: md(
      'Violent crime, such as homicide, kidnapping, carjacking, and robbery, is widespread in some areas. The U.S. government has limited ability to provide emergency services in many areas, as employees’ travel to certain states is restricted.',
      '## State summaries',
      bullets(
        '**Do not travel to** Colima, Guerrero, Michoacán, Sinaloa, Tamaulipas, and Zacatecas states due to crime and kidnapping.',
        '**Reconsider travel to** Baja California, Chihuahua, Guanajuato, Jalisco, Morelos, and Sonora due to crime and kidnapping.',
        '**Exercise increased caution** in Mexico City, Quintana Roo, and most other states.',
        '**Exercise normal precautions** in Campeche and Yucatán.',
      ),
      'Use toll roads when possible, avoid driving alone or at night, and share your travel plans with a friend or family member.',
    ),
  }),
  advisory({
    country: 'CA',
    name: 'Canada',
    level: 1,
    indicators: ['N'],
    summary: 'Exercise normal precautions in Canada.',
    body: md(
      'Wildfires during summer months can cause road closures, evacuations, and poor air quality. Winter storms can affect road and air travel.',
      'Canada has strict laws on the import of firearms; declare any firearm to the Canada Border Services Agency on arrival.',
    ),
  }),
  advisory({
    country: 'BR',
    name: 'Brazil',
    level: 2,
    indicators: ['C'],
    summary: 'Exercise increased caution in Brazil due to crime. Some areas have increased risk.',
    body: md(
      'Violent crime, such as murder, armed robbery, and carjacking, is common in urban areas, day and night. Gang activity and organized crime are widespread.',
      'Do not travel to within 150 kilometers of Brazil’s land borders (except Foz do Iguaçu and the Pantanal), or to informal housing developments ("favelas") at any time, even on a guided tour.',
    ),
  }),
  advisory({
    country: 'CO',
    name: 'Colombia',
    level: 3,
    indicators: ['C', 'T', 'U', 'K'],
    summary: 'Reconsider travel to Colombia due to crime and terrorism. Exercise increased caution due to civil unrest and kidnapping. Some areas have increased risk.',
    body: md(
      'Violent crime, such as homicide, assault, and armed robbery, is common. Criminals have used dating applications and drugged victims to commit robberies.',
      'Do not travel to Arauca, Cauca (except Popayán), and Norte de Santander departments, or to the Colombia–Venezuela border region, due to crime and terrorism.',
    ),
  }),
  advisory({
    country: 'HT',
    name: 'Haiti',
    level: 4,
    indicators: ['C', 'T', 'U', 'K', 'H'],
    summary: 'Do not travel to Haiti due to kidnapping, crime, terrorism, civil unrest, and limited health care.',
    body: md(
      'Kidnapping is widespread, and victims regularly include U.S. citizens. Armed groups control much of Port-au-Prince and major routes into and out of the city.',
      'Flights into and out of Port-au-Prince may be suspended without notice. U.S. citizens in Haiti should have a plan to depart that does not rely on U.S. government assistance.',
    ),
  }),
  advisory({
    country: 'VE',
    name: 'Venezuela',
    level: 4,
    indicators: ['C', 'U', 'K', 'D', 'H', 'O'],
    summary: 'Do not travel to Venezuela due to the risk of wrongful detention, crime, civil unrest, kidnapping, the arbitrary enforcement of local laws, and poor health infrastructure.',
    body: md(
      'The U.S. Embassy in Caracas suspended operations in March 2019. The U.S. government has no ability to provide emergency services to U.S. citizens in Venezuela.',
      'Security forces have detained U.S. citizens for long periods without due process. Shortages of electricity, water, and medicine are common.',
    ),
  }),
  advisory({
    country: 'PE',
    name: 'Peru',
    level: 2,
    indicators: ['C', 'U', 'K'],
    summary: 'Exercise increased caution in Peru due to crime, civil unrest, and kidnapping. Some areas have increased risk.',
    body: md(
      'Crime, including petty theft, carjacking, and assault, is common and can occur during the day despite the presence of many people.',
      'Do not travel to the Colombia–Peru border area in the Loreto region, or to the Valley of the Apurímac, Ene, and Mantaro Rivers (VRAEM), due to crime and terrorism.',
    ),
  }),
  advisory({
    country: 'CR',
    name: 'Costa Rica',
    level: 2,
    indicators: ['C'],
    summary: 'Exercise increased caution in Costa Rica due to crime.',
    body: md(
      'Petty crime is common; violent crime, including armed robbery, homicide, and sexual assault, occurs. Do not leave belongings unattended in vehicles or on beaches.',
      'Strong rip currents are present at many Pacific and Caribbean beaches, most of which lack lifeguards.',
    ),
  }),
];

/** Security alerts, reports, announcements, anniversaries, a group profile and press summaries: every other kind, across all three TLP levels. */
export const SEED_OTHER: PublicationContent[] = [
  // ── Security alerts ─────────────────────────────────────────────────────
  {
    kind: 'security-alert',
    title: 'Demonstration Alert: Planned Protests in Central Nairobi',
    countries: ['KE'],
    summary: 'Demonstrations are planned in Nairobi’s Central Business District on December 1, 2026. Avoid the area and expect traffic disruption.',
    body: md(
      'Organizers have announced demonstrations in Nairobi’s Central Business District, with marches expected toward Parliament Road. Previous demonstrations have led to road closures, use of tear gas by police, and disruption of public transport.',
      'Even demonstrations intended to be peaceful can become confrontational and escalate into violence.',
    ),
    sharing: 'TLP:CLEAR',
    alertType: 'demonstration',
    places: ['Nairobi Central Business District', 'Uhuru Park', 'Parliament Road'],
    eventStart: '2026-12-01T05:00:00Z',
    eventEnd: '2026-12-01T17:00:00Z',
    actions: [
      'Avoid the areas of the demonstrations.',
      'Avoid crowds and keep a low profile.',
      'Monitor local media for updates and allow extra travel time.',
    ],
    assistance: [{ name: 'U.S. Embassy Nairobi', phone: '+254 20 363 6000', url: 'https://ke.usembassy.gov/' }],
  },
  {
    kind: 'security-alert',
    title: 'Transport Strike Across France, December 8–10',
    countries: ['FR'],
    summary: 'A national transport strike is expected to disrupt rail, metro, and air travel in France from December 8 to December 10, 2026.',
    body: md(
      'Unions have called a national strike affecting SNCF rail services, the Paris metro, and air traffic control. Significant cancellations are expected, and demonstrations are planned in Paris, Lyon, and Marseille.',
      'Staff with travel planned during the strike should confirm schedules directly with carriers and consider remote work where possible.',
    ),
    sharing: 'TLP:GREEN',
    alertType: 'transport',
    places: ['Paris', 'Lyon', 'Marseille'],
    eventStart: '2026-12-08T04:00:00Z',
    eventEnd: '2026-12-10T22:00:00Z',
    actions: [
      'Confirm flights and train departures with your carrier before leaving for the station or airport.',
      'Allow additional time for travel across cities.',
      'Avoid demonstrations, including around Place de la République and Place de la Nation in Paris.',
    ],
    assistance: [{ name: 'U.S. Embassy Paris', phone: '+33 1 43 12 22 22', url: 'https://fr.usembassy.gov/' }],
  },
  {
    kind: 'security-alert',
    title: 'Robberies Following Unlicensed Taxi Pickups in Bogotá',
    countries: ['CO'],
    summary: 'Member companies report several robberies of business travelers after street-hailed or unlicensed taxi pickups in northern Bogotá in November 2026.',
    body: md(
      'Since early November, three member companies have reported incidents in which employees were robbed after accepting rides from unlicensed taxis near hotels in the Zona Rosa and Parque de la 93 areas. In two cases the victims were taken to ATMs and made to withdraw cash.',
      'No injuries were reported. This reporting comes from members and has not been publicly released; share it only within the recipient organizations.',
    ),
    sharing: 'TLP:AMBER',
    alertType: 'crime',
    places: ['Bogotá – Zona Rosa', 'Bogotá – Parque de la 93', 'El Dorado International Airport'],
    eventStart: '2026-11-20T00:00:00Z',
    eventEnd: '2026-12-31T23:59:59Z',
    actions: [
      'Use company-arranged transport or app-based services booked from inside your hotel.',
      'Do not hail taxis on the street or accept rides offered at hotel entrances.',
      'Carry only one card and a small amount of cash.',
      'Report any incident to your security team and to the OSAC Colombia country council.',
    ],
    assistance: [{ name: 'U.S. Embassy Bogotá', phone: '+57 601 275 2000', url: 'https://co.usembassy.gov/' }],
  },
  {
    kind: 'security-alert',
    title: 'Weather Alert: Tropical Storm Approaching Eastern Visayas',
    countries: ['PH'],
    summary: 'A tropical storm is forecast to make landfall in Eastern Visayas around December 15, 2026, bringing heavy rain, flooding, and possible landslides.',
    body: md(
      'The Philippine Atmospheric, Geophysical and Astronomical Services Administration (PAGASA) forecasts a tropical storm to cross Eastern Samar, Samar, and Leyte. Domestic flights and ferry services are likely to be suspended.',
      'Local authorities may order pre-emptive evacuations of coastal and low-lying areas.',
    ),
    sharing: 'TLP:CLEAR',
    alertType: 'weather',
    places: ['Eastern Samar', 'Samar', 'Leyte'],
    eventStart: '2026-12-14T00:00:00Z',
    eventEnd: '2026-12-17T00:00:00Z',
    actions: [
      'Monitor PAGASA bulletins and local media.',
      'Follow evacuation orders from local authorities.',
      'Keep several days of water, food, medicine, and charged power banks.',
      'Confirm flight and ferry schedules before travel.',
    ],
    assistance: [{ name: 'U.S. Embassy Manila', phone: '+63 2 5301 2000', url: 'https://ph.usembassy.gov/' }],
  },

  // ── Country reports ─────────────────────────────────────────────────────
  {
    kind: 'country-report',
    title: 'Kenya 2026 Country Security Report',
    countries: ['KE'],
    summary: 'An overview of the crime, terrorism, civil unrest, and transportation environment affecting private-sector operations in Kenya in 2026.',
    body: 'This report draws on member reporting and open sources. It is intended for security managers planning travel and operations in Kenya.',
    sharing: 'TLP:GREEN',
    year: 2026,
    sections: [
      {
        heading: 'Crime Environment',
        body: 'Street crime, including pickpocketing and phone snatching, is common in central Nairobi and Mombasa. Armed carjackings and home invasions occur in residential areas. Residential security with guards and alarm response is standard for expatriate housing.',
      },
      {
        heading: 'Terrorism',
        body: 'Al-Shabaab remains capable of attacks in Kenya, particularly in counties bordering Somalia and along the northern coast. Soft targets in Nairobi, such as hotels and shopping centers, maintain visible security screening.',
      },
      {
        heading: 'Civil Unrest',
        body: 'Demonstrations related to economic and political issues occurred periodically during 2026, mostly in Nairobi, Kisumu, and Mombasa. Most were announced in advance; some resulted in clashes with police and road closures.',
      },
      {
        heading: 'Transportation Safety',
        body: 'Road conditions vary widely and driving at night outside cities is discouraged. Use reputable ride-hailing services or company drivers; avoid *matatus* (minibuses) for business travel.',
      },
    ],
  },
  {
    kind: 'country-report',
    title: 'Mexico 2026 Country Security Report',
    countries: ['MX'],
    summary: 'Crime, kidnapping and extortion, road safety, and emergency services in Mexico, for organizations with staff or operations in the country.',
    body: 'Conditions differ greatly by state and municipality; read this report alongside the state-by-state travel advisory.',
    sharing: 'TLP:CLEAR',
    year: 2026,
    sections: [
      {
        heading: 'Crime',
        body: 'Homicide rates remain high in several states, largely linked to competition between criminal organizations. Business travelers are rarely targeted directly but can be affected by road blockades and violence in public places.',
      },
      {
        heading: 'Kidnapping and Extortion',
        body: 'Virtual kidnapping — telephone extortion in which callers claim to hold a relative — is the most frequently reported scheme. Express kidnappings, in which victims are forced to withdraw cash, occur in major cities.',
      },
      {
        heading: 'Road Safety',
        body: 'Use toll highways (*cuotas*) during daylight. Illegal roadblocks have been reported in parts of Guanajuato, Jalisco, Michoacán, and Tamaulipas.',
      },
    ],
  },

  // ── Special report ──────────────────────────────────────────────────────
  {
    kind: 'special-report',
    title: 'Holiday Season Security Considerations in Western Europe',
    countries: ['FR', 'DE', 'AT', 'BE', 'GB', 'IT'],
    summary: 'Holiday markets, public celebrations, and peak travel periods in Western Europe draw large crowds from late November through early January. This report summarizes the risks and common mitigations.',
    body: 'Authorities across the region increase police presence and install vehicle barriers at major holiday markets. The threat environment has been broadly consistent with previous years.',
    sharing: 'TLP:GREEN',
    topics: ['crowded places', 'holiday markets', 'transport disruption'],
    sections: [
      {
        heading: 'Crowded Places',
        body: 'Holiday markets in Germany, Austria, France, and Belgium and New Year’s Eve celebrations in major cities have been targeted by attackers in past years. Expect bag checks and restricted vehicle access.',
      },
      {
        heading: 'Petty Crime',
        body: 'Pickpocketing increases sharply at markets, train stations, and on public transport during the season. Carry only essential items and keep phones out of back pockets.',
      },
      {
        heading: 'Travel Disruption',
        body: 'Winter weather and strike action can disrupt air and rail travel. Build flexibility into itineraries and confirm bookings the day before departure.',
      },
    ],
  },

  // ── Announcements ───────────────────────────────────────────────────────
  {
    kind: 'announcement',
    title: 'Registration Open: OSAC Annual Briefing 2026',
    countries: ['US'],
    summary: 'Registration is open for the OSAC Annual Briefing, held in Washington, D.C. Member organizations may register up to three security staff.',
    body: md(
      'The Annual Briefing brings together private-sector security professionals and U.S. government representatives for two days of regional and thematic sessions.',
      'Registration closes two weeks before the event. Attendance is limited to constituents of member organizations.',
    ),
    sharing: 'TLP:GREEN',
    link: 'https://www.osac.gov/',
  },
  {
    kind: 'announcement',
    title: 'New: Webhook and Calendar Feeds for Travel Advisories',
    countries: ['US'],
    summary: 'Member organizations can now receive travel advisories and security alerts by webhook, and subscribe to event calendars from their dashboard.',
    body: md(
      'Security teams can register an HTTPS endpoint to receive each publication as it is released, and subscribe to an iCalendar feed of security alerts with event dates.',
      'See the account settings page to configure delivery channels for your organization.',
    ),
    sharing: 'TLP:CLEAR',
  },

  // ── Anniversaries ───────────────────────────────────────────────────────
  {
    kind: 'anniversary',
    title: 'Anniversary: 1998 U.S. Embassy Bombings in Nairobi and Dar es Salaam',
    countries: ['KE', 'TZ'],
    summary: 'August 7 marks the anniversary of the 1998 bombings of the U.S. embassies in Nairobi, Kenya, and Dar es Salaam, Tanzania.',
    body: 'Commemorative events are typically held at the memorial park in Nairobi and at the U.S. embassies. Members may see increased security around these sites.',
    sharing: 'TLP:CLEAR',
    date: '1998-08-07',
    significance: 'Near-simultaneous truck bombings carried out by al-Qa’ida killed 224 people, including 12 Americans, and injured thousands, most of them Kenyan and Tanzanian citizens.',
  },
  {
    kind: 'anniversary',
    title: 'Anniversary: 1983 U.S. Embassy Bombing in Beirut',
    countries: ['LB'],
    summary: 'April 18 marks the anniversary of the 1983 bombing of the U.S. Embassy in Beirut, Lebanon.',
    body: 'The anniversary is marked by a ceremony at the Department of State. No specific threat is associated with the date.',
    sharing: 'TLP:CLEAR',
    date: '1983-04-18',
    significance: 'A suicide car bombing destroyed the front of the U.S. Embassy in Beirut, killing 63 people, including 17 Americans. The attack led to major changes in the security of U.S. diplomatic facilities worldwide.',
  },
  {
    kind: 'anniversary',
    title: 'Anniversary: September 11, 2001 Attacks',
    countries: ['US'],
    summary: 'September 11 marks the anniversary of the 2001 terrorist attacks in New York, at the Pentagon, and near Shanksville, Pennsylvania.',
    body: 'Memorial events take place in New York City, Arlington, and Shanksville, and at U.S. diplomatic posts overseas. Expect increased security at U.S. government facilities on and around the date.',
    sharing: 'TLP:CLEAR',
    date: '2001-09-11',
    significance: 'Coordinated hijackings by al-Qa’ida killed nearly 3,000 people, the deadliest terrorist attack in U.S. history.',
  },

  // ── Group profile ───────────────────────────────────────────────────────
  {
    kind: 'group-profile',
    title: 'al-Shabaab',
    countries: ['SO', 'KE'],
    summary: 'Al-Shabaab is a Somalia-based militant group affiliated with al-Qa’ida that conducts attacks in Somalia and neighboring countries, particularly Kenya.',
    body: md(
      'Al-Shabaab emerged in the mid-2000s as the militant wing of the Islamic Courts Union in Somalia. It controls or contests territory in southern and central Somalia and has pledged allegiance to al-Qa’ida.',
      'The group has conducted attacks against Somali government targets, African Union forces, and civilians, and has carried out attacks in Kenya, including on the Westgate shopping mall in Nairobi in 2013 and Garissa University College in 2015.',
    ),
    sharing: 'TLP:GREEN',
    aliases: ['Harakat al-Shabaab al-Mujahidin', 'Mujahidin Youth Movement', 'Hizbul Shabaab', 'al-Shabaab al-Islamiya', 'The Youth'],
    areasOfOperation: ['Southern and central Somalia', 'Kenya–Somalia border region', 'Northeastern and coastal Kenya'],
    designations: ['FTO', 'SDGT', 'UK'],
    designatedOn: '2008-03-18',
  },

  // ── Press summaries ─────────────────────────────────────────────────────
  {
    kind: 'press-summary',
    title: 'Press Summary: Mexico City Holiday Security Operation',
    countries: ['MX'],
    summary: 'El Universal reports that Mexico City authorities will deploy additional police to shopping districts, markets, and transport hubs for the holiday season.',
    body: 'The article describes an annual operation running from late November into early January, with added patrols in the Centro Histórico, along Paseo de la Reforma, and at the Benito Juárez International Airport.',
    sharing: 'TLP:CLEAR',
    outlet: 'El Universal',
    language: 'es',
    link: 'https://www.eluniversal.com.mx/',
    articleDate: '2026-11-24',
  },
  {
    kind: 'press-summary',
    title: 'Press Summary: São Paulo Cargo Theft Trends',
    countries: ['BR'],
    summary: 'Folha de S.Paulo reports on cargo theft along highways in São Paulo state and measures logistics companies are taking in response.',
    body: 'According to the article, thefts concentrate on electronics and pharmaceuticals and on routes near the metropolitan ring road. Companies cited convoy scheduling, vehicle tracking, and avoiding overnight stops as common mitigations.',
    sharing: 'TLP:GREEN',
    outlet: 'Folha de S.Paulo',
    language: 'pt-BR',
    link: 'https://www.folha.uol.com.br/',
    articleDate: '2026-11-18',
  },
];

/** An organization to seed; `ref` is a local handle that people use, since the seeder assigns ids. */
export interface SeedOrganization {
  ref: string;
  name: string;
  type: Organization['type'];
}

/** A person to seed, belonging to the organization whose `ref` is `orgRef`. */
export interface SeedPerson {
  orgRef: string;
  name: string;
  email: string;
  role: Role;
  /** Which demo account this person is, for the credentials printed at start-up; at most one person each. */
  demo?: 'publisher' | 'approver' | 'admin' | 'member';
}

/** One publishing organization and three member companies. */
export const SEED_ORGANIZATIONS: SeedOrganization[] = [
  { ref: 'osac', name: 'Bureau of Diplomatic Security – OSAC', type: 'publisher' },
  { ref: 'northwind', name: 'Northwind Energy Corporation', type: 'member' },
  { ref: 'meridian', name: 'Meridian Freight & Logistics', type: 'member' },
  { ref: 'harborview', name: 'Harborview Health Systems', type: 'member' },
];

/** Publisher, approver (a second publisher) and admin in the publishing organization; a security manager in each of two member companies. */
export const SEED_PEOPLE: SeedPerson[] = [
  { orgRef: 'osac', name: 'Dana Whitfield', email: 'publisher@osac.example', role: 'publisher', demo: 'publisher' },
  { orgRef: 'osac', name: 'Marcus Oyelaran', email: 'approver@osac.example', role: 'publisher', demo: 'approver' },
  { orgRef: 'osac', name: 'Priya Raman', email: 'admin@osac.example', role: 'admin', demo: 'admin' },
  { orgRef: 'northwind', name: 'Elena Castillo', email: 'security@northwind-energy.example', role: 'member', demo: 'member' },
  { orgRef: 'meridian', name: 'Tomasz Nowak', email: 'security@meridian-logistics.example', role: 'member' },
];
