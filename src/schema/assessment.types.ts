// Generated from src/schema/fields.ts by scripts/generate-types.ts (`npm run generate`). Do not edit.

/** A value of a declared `extra` fact. */
export type ExtraValue = number | boolean | string | null;

/**
 * 排查记录 / assessment.
 *
 * 一个党组织在一个排查日期的各项指标。各指标组和指标均可缺省，缺少的数据使读取它的情形为“数据不足”。
 * One assessment of one organisation on one date. Every indicator group and field is optional; a missing field makes the criteria that read it insufficient-data.
 */
export interface Assessment {
  /**
   * 党组织 / organisation.
   *
   * 被排查的村或社区党组织：编码、名称、类型、层级和所在地区。
   * The village or community Party organisation screened: id, name, kind, level and region.
   */
  org: Organisation;
  /**
   * 排查日期 / assessment date.
   *
   * 排查日期；次数类指标统计此前12个月。
   * The assessment date; counts cover the 12 months before it.
   *
   * A real calendar date written `YYYY-MM-DD`.
   */
  assessedOn: string;
  /**
   * 班子配备 / leadership.
   *
   * 情形①：班子配备和书记职位。
   * Criterion ①: the committee seats and the secretary post.
   */
  leadership?: Leadership;
  /**
   * 书记履职 / secretary.
   *
   * 情形②：书记的年度考核和工作状态。
   * Criterion ②: the secretary’s annual rating and engagement.
   */
  secretary?: SecretaryIndicators;
  /**
   * 班子团结 / unity.
   *
   * 情形③：班子团结情况。
   * Criterion ③: unity of the committee.
   */
  unity?: UnityIndicators;
  /**
   * 组织生活 / organisational life.
   *
   * 情形④：换届和“三会一课”等组织生活。
   * Criterion ④: elections and organisational life (三会一课).
   */
  organisationLife?: OrganisationLife;
  /**
   * 服务群众 / service.
   *
   * 情形⑤：群众满意率。
   * Criterion ⑤: public satisfaction.
   */
  service?: ServiceIndicators;
  /**
   * 换届选举 / elections.
   *
   * 情形⑥：拉票贿选和宗族宗教、黑恶势力干扰渗透。
   * Criterion ⑥: vote buying; clan, religious or criminal interference.
   */
  elections?: ElectionIndicators;
  /**
   * 民主管理 / affairs.
   *
   * 情形⑦：村（居）务财务公开和民主管理。
   * Criterion ⑦: disclosure of affairs and finances, democratic management.
   */
  affairs?: AffairsIndicators;
  /**
   * 社会治安和信访 / public security and petitions.
   *
   * 情形⑧：社会治安、信访和矛盾纠纷。
   * Criterion ⑧: public security, petitions and disputes.
   */
  safety?: SafetyIndicators;
  /**
   * 干部作风 / conduct.
   *
   * 情形⑨：干部违纪违法、贪污腐化。
   * Criterion ⑨: cadres breaking discipline or law, corruption.
   */
  conduct?: ConductIndicators;
  /**
   * 活动场所 / venue.
   *
   * 情形⑩：固定活动场所。
   * Criterion ⑩: a fixed activity venue.
   */
  venue?: VenueIndicators;
  /**
   * 集体经济 / collective economy.
   *
   * 扩展规则集情形⑪：村集体经济（十种情形不读取）。
   * Extended ruleset, criterion ⑪: the collective economy (not read by the ten criteria).
   */
  economy?: EconomyIndicators;
  /**
   * 发展党员 / recruitment.
   *
   * 扩展规则集情形⑫：发展党员（十种情形不读取）。
   * Extended ruleset, criterion ⑫: Party recruitment (not read by the ten criteria).
   */
  membership?: MembershipIndicators;
  /**
   * 附加指标 / extra facts.
   *
   * 省级规则集声明的附加指标，每个名称须由所用规则集声明。
   * Facts for a custom (provincial) ruleset; each key must be declared, with its type, by the ruleset in use.
   */
  extra?: { [name: string]: ExtraValue };
}

/**
 * 党组织 / organisation.
 *
 * 被排查的村或社区党组织：编码、名称、类型、层级和所在地区。
 * The village or community Party organisation screened: id, name, kind, level and region.
 */
export interface Organisation {
  /**
   * 组织编码 / organisation id.
   *
   * 稳定的组织编码，如12位统计用区划代码或本地编码。
   * A stable id, such as the 12-digit statistical area code or an internal id.
   */
  id: string;
  /**
   * 党组织名称 / organisation name.
   *
   * 党组织全称，如某某村党总支。
   * Full name of the Party organisation, e.g. a village general branch.
   */
  name: string;
  /**
   * 村或社区 / kind.
   *
   * 村党组织或社区党组织。
   * A village (村) or a community (社区) Party organisation.
   *
   * `village` 村; `community` 社区.
   */
  kind: "village" | "community";
  /**
   * 组织层级 / level.
   *
   * 党委、党总支或党支部。
   * Party committee (党委), general branch (党总支) or branch (党支部).
   *
   * `committee` 党委; `general-branch` 党总支; `branch` 党支部.
   */
  level?: "committee" | "general-branch" | "branch";
  /**
   * 所在地区 / region.
   *
   * 所在省、市、县和乡镇（街道），用于按地区汇总。
   * Province, city, county and township or street, for counts by region.
   */
  region?: Region;
}

/**
 * 所在地区 / region.
 *
 * 所在省、市、县和乡镇（街道），用于按地区汇总。
 * Province, city, county and township or street, for counts by region.
 */
export interface Region {
  /**
   * 省（区、市） / province.
   *
   * 所在省、自治区、直辖市。
   * Province (省).
   */
  province?: string;
  /**
   * 市（州） / city.
   *
   * 所在地级市、自治州。
   * City or prefecture (市、州).
   */
  city?: string;
  /**
   * 县（市、区） / county.
   *
   * 所在县、县级市、区。
   * County or district (县、区).
   */
  county?: string;
  /**
   * 乡镇（街道） / township.
   *
   * 所在乡、镇或街道，其名称决定整顿方案中的责任单位。
   * Township, town or street (乡、镇、街道); its name gives the responsible organ in plans.
   */
  township?: string;
}

/**
 * 班子配备 / leadership.
 *
 * 情形①：班子配备和书记职位。
 * Criterion ①: the committee seats and the secretary post.
 */
export interface Leadership {
  /**
   * 班子职数 / seats required.
   *
   * 党组织班子应配职数。
   * Seats the committee should have.
   *
   * A non-negative integer (人, people).
   */
  seatsRequired?: number;
  /**
   * 班子实有人数 / seats filled.
   *
   * 班子实有人数，不得多于班子职数。
   * Seats filled; not more than the seats required.
   *
   * A non-negative integer (人, people).
   */
  seatsFilled?: number;
  /**
   * 班子缺额起始日期 / date the committee fell short.
   *
   * 班子实有人数少于职数的起始日期；填 null 表示班子配齐。
   * Date the committee fell short of the seats required; null when it is complete.
   *
   * A real calendar date written `YYYY-MM-DD`.
   */
  seatsShortSince?: string | null;
  /**
   * 书记空缺起始日期 / date the secretary post fell vacant.
   *
   * 书记职位空缺的起始日期；填 null 表示书记在任。
   * Date the secretary post fell vacant; null when it is filled.
   *
   * A real calendar date written `YYYY-MM-DD`.
   */
  secretaryVacantSince?: string | null;
  /**
   * 书记不能正常履职起始日期 / date the secretary stopped working normally.
   *
   * 书记在任但因病、外出等长期不能正常履职的起始日期；填 null 表示正常履职。
   * Date the secretary, still in post, stopped working normally (illness, long absence); null when at work.
   *
   * A real calendar date written `YYYY-MM-DD`.
   */
  secretaryAbsentSince?: string | null;
  /**
   * 工作处于停滞状态 / work stalled.
   *
   * 党组织工作处于停滞状态。
   * The organisation’s work has stalled.
   */
  workStalled?: boolean;
}

/**
 * 书记履职 / secretary.
 *
 * 情形②：书记的年度考核和工作状态。
 * Criterion ②: the secretary’s annual rating and engagement.
 */
export interface SecretaryIndicators {
  /**
   * 书记年度考核等次 / secretary’s annual rating.
   *
   * 书记最近一次年度考核等次：优秀、称职、基本称职或不称职。
   * The secretary’s last annual rating: excellent, competent, basically competent or incompetent.
   *
   * `excellent` 优秀; `competent` 称职; `basic` 基本称职; `incompetent` 不称职.
   */
  rating?: "excellent" | "competent" | "basic" | "incompetent";
  /**
   * 书记上一年度考核等次 / secretary’s rating the year before.
   *
   * 书记再上一次年度考核等次，用于判断连续两年基本称职。
   * The secretary’s annual rating the year before, for two years running.
   *
   * `excellent` 优秀; `competent` 称职; `basic` 基本称职; `incompetent` 不称职.
   */
  previousRating?: "excellent" | "competent" | "basic" | "incompetent";
  /**
   * 书记工作不在状态 / secretary disengaged.
   *
   * 书记工作不在状态。
   * The secretary is disengaged from the work.
   */
  disengaged?: boolean;
}

/**
 * 班子团结 / unity.
 *
 * 情形③：班子团结情况。
 * Criterion ③: unity of the committee.
 */
export interface UnityIndicators {
  /**
   * 班子不团结问题查实件数 / confirmed conflicts.
   *
   * 经上级查实的班子不团结、相互拆台问题件数。
   * Matters of disunity or obstruction in the committee confirmed by the higher level.
   *
   * A non-negative integer (件, cases).
   */
  confirmedConflicts?: number;
  /**
   * 班子不团结反映件数 / conflict reports.
   *
   * 反映班子不团结、内耗的件数（未经查实，仅供参考，不作为认定依据）。
   * Unverified reports of disunity or friction: informational, read by no rule.
   *
   * A non-negative integer (件, cases).
   */
  conflictReports?: number;
  /**
   * 工作不能正常开展 / work disrupted.
   *
   * 因班子不团结，工作不能正常开展。
   * Work cannot proceed normally because of disunity.
   */
  workDisrupted?: boolean;
}

/**
 * 组织生活 / organisational life.
 *
 * 情形④：换届和“三会一课”等组织生活。
 * Criterion ④: elections and organisational life (三会一课).
 */
export interface OrganisationLife {
  /**
   * 上次换届日期 / date of the last election.
   *
   * 党组织上次换届选举的日期。
   * Date of the last election (换届) of the committee.
   *
   * A real calendar date written `YYYY-MM-DD`.
   */
  lastElectionOn?: string;
  /**
   * 延期换届经上级批准 / postponement approved.
   *
   * 任期届满延期换届，经上级党组织批准。
   * The higher Party organisation approved postponing the election after the term ran out.
   */
  postponementApproved?: boolean;
  /**
   * 支部党员大会次数 / branch assemblies.
   *
   * 召开支部党员大会的次数（一般每季度1次）。
   * Branch general meetings held (generally one a quarter).
   *
   * A non-negative integer (次, times).
   */
  branchAssemblies?: number;
  /**
   * 支委会次数 / committee meetings.
   *
   * 召开支部委员会会议的次数（一般每月1次）。
   * Branch committee meetings held (generally one a month).
   *
   * A non-negative integer (次, times).
   */
  committeeMeetings?: number;
  /**
   * 党课次数 / Party classes.
   *
   * 讲党课的次数。
   * Party classes given.
   *
   * A non-negative integer (次, times).
   */
  partyClasses?: number;
  /**
   * 主题党日次数 / themed Party days.
   *
   * 开展主题党日的次数（每月相对固定1天）。
   * Themed Party days held (one fixed day a month).
   *
   * A non-negative integer (次, times).
   */
  themedPartyDays?: number;
  /**
   * 上年度召开组织生活会 / organisational-life meeting held last year.
   *
   * 上一年度召开了组织生活会。
   * An organisational-life meeting (组织生活会) was held in the last calendar year.
   */
  lifeMeetingHeld?: boolean;
  /**
   * 上年度开展民主评议党员 / member review held last year.
   *
   * 上一年度开展了民主评议党员。
   * The democratic appraisal of members (民主评议党员) was held in the last calendar year.
   */
  memberReviewHeld?: boolean;
}

/**
 * 服务群众 / service.
 *
 * 情形⑤：群众满意率。
 * Criterion ⑤: public satisfaction.
 */
export interface ServiceIndicators {
  /**
   * 群众满意率 / public satisfaction rate.
   *
   * 群众满意率，填0到1之间的比例（85%填0.85）。
   * Public satisfaction as a share from 0 to 1 (0.85, not 85).
   */
  satisfactionRate?: number;
}

/**
 * 换届选举 / elections.
 *
 * 情形⑥：拉票贿选和宗族宗教、黑恶势力干扰渗透。
 * Criterion ⑥: vote buying; clan, religious or criminal interference.
 */
export interface ElectionIndicators {
  /**
   * 拉票贿选查实件数 / confirmed vote-buying cases.
   *
   * 上次换届以来查实的拉票贿选问题件数。
   * Cases of canvassing or vote buying confirmed since the last election.
   *
   * A non-negative integer (件, cases).
   */
  voteBuyingCases?: number;
  /**
   * 宗族势力干扰 / clan interference.
   *
   * 存在宗族势力干扰。
   * Clan forces interfere.
   */
  clanInterference?: boolean;
  /**
   * 宗教势力干扰 / religious interference.
   *
   * 存在宗教势力干扰。
   * Religious forces interfere.
   */
  religiousInterference?: boolean;
  /**
   * 黑恶势力渗透 / criminal infiltration.
   *
   * 存在黑恶势力渗透。
   * Criminal forces have infiltrated.
   */
  criminalInfiltration?: boolean;
  /**
   * “两委”成员中有受过刑事处罚等问题人员 / committee member with a criminal record.
   *
   * 村（社区）“两委”成员中有受过刑事处罚、涉黑涉恶或“村霸”问题的人员。
   * A member of the two committees has a criminal record, links to organised crime or is a village bully.
   */
  cadreWithCriminalRecord?: boolean;
}

/**
 * 民主管理 / affairs.
 *
 * 情形⑦：村（居）务财务公开和民主管理。
 * Criterion ⑦: disclosure of affairs and finances, democratic management.
 */
export interface AffairsIndicators {
  /**
   * 村（居）务公开次数 / affairs disclosures.
   *
   * 村务或居务公开的次数。
   * Times village or community affairs were disclosed.
   *
   * A non-negative integer (次, times).
   */
  affairsDisclosures?: number;
  /**
   * 财务公开次数 / finance disclosures.
   *
   * 财务公开的次数。
   * Times finances were disclosed.
   *
   * A non-negative integer (次, times).
   */
  financeDisclosures?: number;
  /**
   * 村（居）务监督委员会正常运行 / supervision committee active.
   *
   * 村（居）务监督委员会正常开展工作。
   * The affairs supervision committee works.
   */
  supervisionCommitteeActive?: boolean;
  /**
   * 落实“四议两公开” / four deliberations and two disclosures applied.
   *
   * 重大事项落实“四议两公开”工作法。
   * Major decisions follow the four deliberations and two disclosures (四议两公开).
   */
  fourTwoMethodApplied?: boolean;
}

/**
 * 社会治安和信访 / public security and petitions.
 *
 * 情形⑧：社会治安、信访和矛盾纠纷。
 * Criterion ⑧: public security, petitions and disputes.
 */
export interface SafetyIndicators {
  /**
   * 刑事、治安案件数 / criminal and public-order cases.
   *
   * 发生刑事案件和治安案件的件数。
   * Criminal and public-order cases.
   *
   * A non-negative integer (件, cases).
   */
  criminalCases?: number;
  /**
   * 重大群体性事件数 / major mass incidents.
   *
   * 发生参与人数较多的上访请愿、聚众闹事、阻碍交通等重大群体性事件的件数。
   * Major mass incidents: petitions, gatherings or road blockades with many participants.
   *
   * A non-negative integer (件, cases).
   */
  massIncidents?: number;
  /**
   * 重复访、越级访件次 / repeat and skip-level petitions.
   *
   * 重复访、越级访的件次。
   * Repeat petitions and petitions that skip a level.
   *
   * A non-negative integer (件, cases).
   */
  repeatPetitions?: number;
  /**
   * 信访积案件数 / petition backlog.
   *
   * 排查日尚未化解、超过6个月的信访积案件数。
   * Petition cases unresolved for more than 6 months, on the assessment date.
   *
   * A non-negative integer (件, cases).
   */
  petitionBacklog?: number;
  /**
   * 集体访件次 / collective petitions.
   *
   * 集体访的件次。
   * Collective petitions.
   *
   * A non-negative integer (件, cases).
   */
  collectivePetitions?: number;
  /**
   * 未化解矛盾纠纷件数 / unresolved disputes.
   *
   * 尚未化解的矛盾纠纷件数。
   * Disputes not yet resolved.
   *
   * A non-negative integer (件, cases).
   */
  unresolvedDisputes?: number;
}

/**
 * 干部作风 / conduct.
 *
 * 情形⑨：干部违纪违法、贪污腐化。
 * Criterion ⑨: cadres breaking discipline or law, corruption.
 */
export interface ConductIndicators {
  /**
   * 干部违纪违法立案件数 / discipline cases.
   *
   * 村（社区）干部违纪违法被立案或受到处分的件数（不含未经核实的问题线索）。
   * Cadres’ discipline or law cases filed or disciplined (not unverified leads).
   *
   * A non-negative integer (件, cases).
   */
  disciplineCases?: number;
  /**
   * 贪污腐化立案件数 / corruption cases.
   *
   * 干部贪污腐化被立案或受到处分的件数。
   * Corruption cases filed or disciplined.
   *
   * A non-negative integer (件, cases).
   */
  corruptionCases?: number;
}

/**
 * 活动场所 / venue.
 *
 * 情形⑩：固定活动场所。
 * Criterion ⑩: a fixed activity venue.
 */
export interface VenueIndicators {
  /**
   * 有固定活动场所 / fixed activity venue.
   *
   * 党组织有固定活动场所。
   * The organisation has a fixed activity venue.
   */
  hasFixedVenue?: boolean;
}

/**
 * 集体经济 / collective economy.
 *
 * 扩展规则集情形⑪：村集体经济（十种情形不读取）。
 * Extended ruleset, criterion ⑪: the collective economy (not read by the ten criteria).
 */
export interface EconomyIndicators {
  /**
   * 村集体经营性收入 / collective operating income.
   *
   * 村集体经营性收入，单位元。
   * The village collective’s operating income, in yuan.
   */
  collectiveIncome?: number;
}

/**
 * 发展党员 / recruitment.
 *
 * 扩展规则集情形⑫：发展党员（十种情形不读取）。
 * Extended ruleset, criterion ⑫: Party recruitment (not read by the ten criteria).
 */
export interface MembershipIndicators {
  /**
   * 上次发展党员日期 / date a probationary member was last admitted.
   *
   * 上次接收预备党员的日期；填 null 表示没有记录。
   * Last date a probationary member was admitted (发展党员); null when none is on record.
   *
   * A real calendar date written `YYYY-MM-DD`.
   */
  lastAdmittedOn?: string | null;
}
