import type { DatasetDocumentation } from '../../catalog/index.js';

/** The laws under which each demo department collects its data (采集依据, R73). */
const COLLECTION_BASES: Record<string, string> = {
  示范市公安局:
    '《中华人民共和国户口登记条例》《中华人民共和国居民身份证法》《中华人民共和国出境入境管理法》规定的户籍、身份证和出入境管理职责',
  示范市市场监督管理局:
    '《中华人民共和国市场主体登记管理条例》《企业信息公示暂行条例》规定的登记注册和信用监管职责',
  示范市人力资源和社会保障局:
    '《中华人民共和国社会保险法》《中华人民共和国就业促进法》规定的社会保险和就业管理职责',
  示范市不动产登记中心: '《不动产登记暂行条例》规定的不动产统一登记职责',
  示范市自然资源和规划局:
    '《中华人民共和国土地管理法》《中华人民共和国城乡规划法》规定的国土空间规划管理职责',
  示范市卫生健康委员会:
    '《医疗机构管理条例》《中华人民共和国母婴保健法》规定的医疗机构执业登记和出生医学证明管理职责',
  示范市东湖区民政局: '《婚姻登记条例》《社会救助暂行办法》规定的婚姻登记和最低生活保障职责',
  示范市青山县市场监督管理局:
    '《促进个体工商户发展条例》《中华人民共和国市场主体登记管理条例》规定的个体工商户登记职责',
};

/**
 * The demo entries' documentation (R73): their collection basis and the collection, publication
 * and maintenance procedures, so that the demo also passes under 肥城、广州、内乡's profiles.
 */
export function demoDocumentation(department: string, name: string): DatasetDocumentation {
  return {
    collectionBasis: COLLECTION_BASES[department] ?? `${department}的法定职责`,
    collection: `${department}在依法办理相关业务时采集${name}：经办人员核验申请材料后录入业务系统，经科室负责人复核后入库。`,
    publication: `经${department}政务数据共享工作机构审核、部门负责人同意后，按目录通过共享平台发布；个人信息按最小必要原则共享。`,
    maintenance: `按目录所列更新周期向共享平台同步；发现差错或收到校核申请后，在规定期限内核实更正并记录更正情况。`,
  };
}
