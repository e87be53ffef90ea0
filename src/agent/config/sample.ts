/**
 * The documented sample printed by `govshare agent init` (and shown in docs/agent.md): every key
 * with its default, secrets as `${ENV}` references.
 */
export const SAMPLE_CONFIG = `# govshare 前置机（数据交换前置系统）配置 / front-end exchange node configuration
# 校验：govshare agent check --config agent.yaml   运行：govshare agent run --config agent.yaml
# 文本值中的 \${NAME} 取自环境变量（口令、密钥请勿写入文件）/ \${NAME} is read from the environment.

node:
  name: 示范市公安局前置机-1        # 在平台上显示的节点名 / the node's name on the platform
  stateDir: ./agent-state           # 本地状态（同步游标）目录 / local state (cursors)
  logLevel: info                    # debug | info | warn | error

platform:
  url: https://govshare.example.gov.cn
  clientId: \${GOVSHARE_CLIENT_ID}        # 本部门的 API 客户端 / the department's API client
  clientSecret: \${GOVSHARE_CLIENT_SECRET}
  timeoutSeconds: 60

databases:                          # 本部门的数据库 / the department's databases
  hukou:
    type: postgres                  # postgres | mysql（含 MariaDB）| sqlite | csv
    url: postgres://agent:\${HUKOU_DB_PASSWORD}@10.0.0.5:5432/hukou
    timezone: "+08:00"              # 不带时区的日期时间按此时区理解 / offset of naive date-times
  social:
    type: mysql
    url: mysql://agent:\${SOCIAL_DB_PASSWORD}@10.0.0.6:3306/social
  exports:
    type: csv
    path: /data/exports             # 每个 CSV 文件一张表，首行为列名 / one table per file, header row
    # encoding: gb18030             # 可选：utf-8 | gbk | gb2312 | gb18030；不写时逐个文件识别 UTF-8 或 GB18030（Excel 中文版另存的 CSV）/ optional; recognized per file when absent

outbound:                           # 本部门数据库 → 平台集中存放的信息资源 / department → platform
  - name: population
    entryId: 0190a1b2-0000-7000-8000-000000000001   # 目录条目 ID / catalog entry id
    database: hukou
    table: public.person
    items:                          # 信息项: 列名 / catalog item: column
      公民身份号码: id_number
      姓名: full_name
      出生日期: birth_date
    sync:
      mode: updated_at              # updated_at（按更新时间或序号列增量）| hash（比较各行摘要）
      updatedAt: updated_at
      softDelete: is_deleted        # 可选：标记删除的列，为真时向平台删除 / optional
      intervalSeconds: 1            # 轮询间隔 / poll interval
      compareMinutes: 60            # 全量比对间隔，发现删除与迟到的提交；0 为不比对 / full comparison
    batchSize: 2000                 # 每批行数（≤ 5000）/ rows a batch
    onReject: skip                  # skip：跳过并报告被拒的行 | stop：停止该映射 / rejected rows
  - name: licences
    entryId: 0190a1b2-0000-7000-8000-000000000002
    database: exports
    table: licences.csv
    items:
      统一社会信用代码: uscc
      许可证号: licence_no
    sync:
      mode: hash
      intervalSeconds: 300

inbound:                            # 已订阅的资源 → 本部门数据库中的本地表 / subscription → local table
  - name: insured
    entryId: 0190a1b2-0000-7000-8000-000000000003
    purpose: data_verification      # 使用用途，须与授权一致 / the grant's purpose
    caseNumber: SB-2026-001         # 可选：办件编号 / optional case number
    database: social
    table: insured_copy
    create: true                    # 表不存在时创建 / create the table when missing
    keyColumn: gs_key               # 存放记录主键的列 / the column holding the record key
    items:                          # 可选：只保留这些信息项 / optional: keep only these
      公民身份号码: id_number
      参保状态: status
    from: beginning                 # beginning（全部历史）| latest（只取此后的变更）
    waitSeconds: 20                 # 长轮询等待 / long-poll wait
    batchSize: 500
`;
