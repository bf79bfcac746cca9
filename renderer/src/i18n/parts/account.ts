/**
 * The account screens' messages. zh-CN is the source (keys are spread into ../zh-CN.ts); the
 * English part must provide every key (spread into ../en.ts).
 */
export const accountZhCN = {
  'account.signIn.title': '登录',
  'account.signIn.subtitle': '村两委工作人员登录',
  'account.signIn.server': '乡镇服务器地址',
  'account.signIn.server.help':
    '本机第一次登录时需要连接乡镇服务器，本机将登记到您所在的村；之后断网也能登录。',
  'account.signIn.server.invalid': '服务器地址不正确，应为完整地址，例如 {example}。',
  'account.signIn.server.notConfigured':
    '本软件只能连接已配置的乡镇服务器 {configured}。如需更换服务器，请修改软件配置后重新启动。',
  'account.signIn.server.registered': '本机已登记在乡镇服务器 {url}，设备名称「{device}」。',
  'account.signIn.server.mismatch':
    '本机登记的乡镇服务器 {url} 与软件当前配置的 {configured} 不同，可能无法联网登录和同步。请联系乡镇管理员。',
  'account.signIn.deviceRevoked':
    '乡镇管理员已停用本机的登记，本机不能再登录或同步；本机数据仍然保留。请联系乡镇管理员。',
  'account.signIn.username': '用户名',
  'account.signIn.username.required': '请输入用户名。',
  'account.signIn.password': '密码',
  'account.signIn.password.required': '请输入密码。',
  'account.signIn.deviceName': '本机名称（可选）',
  'account.signIn.deviceName.placeholder': '例如：村委会办公室电脑',
  'account.signIn.deviceName.help': '便于乡镇管理员在设备清单中认出本机。',
  'account.signIn.submit': '登录',
  'account.signIn.failed': '登录失败',
  'account.signIn.offline':
    '暂时连不上乡镇服务器，已用本机保存的登录信息离线登录。数据保存在本机，联网后自动同步。',
  'account.signIn.demo': '使用示例数据体验（不连接服务器）',
  'account.signIn.demo.help': '打开一份单独的示例数据库，不影响正式数据，随时可以退出或删除。',

  'account.role.township_admin': '乡镇管理员',
  'account.role.village_admin': '村管理员',
  'account.role.village_clerk': '村录入员',
  'account.role.village_reviewer': '村审核员',
  'account.role.bank_liaison': '银行联络员',

  'account.header.label': '当前登录',
  'account.header.user': '{name}（{role}）',
  'account.status.offline': '离线',
  'account.status.offline.help': '暂未连上乡镇服务器。数据保存在本机，联网后自动同步。',
  'account.status.reconnect': '重新连接',
  'account.status.needsSignIn': '需重新登录',
  'account.status.needsSignIn.help':
    '{reason} 同步已暂停，本机数据均已保留。请退出登录后，在联网时重新登录。',
  'account.status.deviceRevoked': '本机已停用',
  'account.lock.button': '锁屏',
  'account.logout.button': '退出登录',
  'account.logout.failed': '已在本机退出登录，但未能通知乡镇服务器：{reason}',
  'account.lockAfter.label': '无操作自动锁屏',
  'account.lockAfter.minutes': '{minutes} 分钟',
  'account.lockAfter.saveFailed': '未能保存自动锁屏时间：{reason}',

  'account.lock.title': '屏幕已锁定',
  'account.lock.body': '{name}（{username}）已锁屏。请输入密码继续使用，或切换其他用户登录。',
  'account.lock.unlock': '解锁',
  'account.lock.wrong': '密码不正确。还可再试 {left} 次，之后将自动退出登录。',
  'account.lock.switchUser': '切换用户',
  'account.lock.signedOut': '密码多次输入错误，已退出登录。',

  'account.demo.banner': '示例数据 · 仅供体验，不会同步',
  'account.demo.exit': '退出体验',
  'account.demo.delete': '删除示例数据',
  'account.demo.delete.confirm': '删除全部示例数据？只删除示例数据库，正式数据不受影响。',
  'account.demo.delete.ok': '删除',
  'account.demo.cancel': '取消',
  'account.demo.failed': '操作未完成：{reason}',
} as const;

export const accountEn: { readonly [K in keyof typeof accountZhCN]: string } = {
  'account.signIn.title': 'Sign in',
  'account.signIn.subtitle': 'Village committee staff sign-in',
  'account.signIn.server': 'Town server address',
  'account.signIn.server.help':
    'The first sign-in on this computer needs the town server and registers the computer to your village; later sign-ins also work offline.',
  'account.signIn.server.invalid':
    'This is not a server address. Enter a full address such as {example}.',
  'account.signIn.server.notConfigured':
    'This app can only reach its configured town server, {configured}. To use another server, change the app’s configuration and restart it.',
  'account.signIn.server.registered':
    'This computer is registered with the town server {url} as “{device}”.',
  'account.signIn.server.mismatch':
    'This computer is registered with the town server {url}, but the app is configured for {configured}: signing in online and syncing may fail. Contact the township administrator.',
  'account.signIn.deviceRevoked':
    'The township administrator revoked this computer’s registration: it can no longer sign in or sync. Its data stays on this computer. Contact the township administrator.',
  'account.signIn.username': 'Username',
  'account.signIn.username.required': 'Enter your username.',
  'account.signIn.password': 'Password',
  'account.signIn.password.required': 'Enter your password.',
  'account.signIn.deviceName': 'Name of this computer (optional)',
  'account.signIn.deviceName.placeholder': 'e.g. Village office PC',
  'account.signIn.deviceName.help':
    'Helps the township administrator recognise it in the device list.',
  'account.signIn.submit': 'Sign in',
  'account.signIn.failed': 'Sign-in failed',
  'account.signIn.offline':
    'The town server cannot be reached, so you were signed in offline with the sign-in kept on this computer. Your work is saved here and syncs once the connection is back.',
  'account.signIn.demo': 'Try it with sample data (no server)',
  'account.signIn.demo.help':
    'Opens a separate sample database that does not touch real data; leave or delete it at any time.',

  'account.role.township_admin': 'Township administrator',
  'account.role.village_admin': 'Village administrator',
  'account.role.village_clerk': 'Village clerk',
  'account.role.village_reviewer': 'Village reviewer',
  'account.role.bank_liaison': 'Bank liaison',

  'account.header.label': 'Signed in',
  'account.header.user': '{name} ({role})',
  'account.status.offline': 'Offline',
  'account.status.offline.help':
    'The town server is not reached yet. Your work is saved here and syncs once the connection is back.',
  'account.status.reconnect': 'Reconnect',
  'account.status.needsSignIn': 'Sign in again',
  'account.status.needsSignIn.help':
    '{reason} Sync is paused; all data on this computer is kept. Sign out, then sign in again while online.',
  'account.status.deviceRevoked': 'Computer revoked',
  'account.lock.button': 'Lock',
  'account.logout.button': 'Sign out',
  'account.logout.failed':
    'Signed out on this computer, but the town server could not be told: {reason}',
  'account.lockAfter.label': 'Lock when idle',
  'account.lockAfter.minutes': '{minutes} minutes',
  'account.lockAfter.saveFailed': 'The screen-lock delay was not saved: {reason}',

  'account.lock.title': 'Screen locked',
  'account.lock.body':
    '{name} ({username}) locked the screen. Enter the password to continue, or switch to another user.',
  'account.lock.unlock': 'Unlock',
  'account.lock.wrong': 'Wrong password. {left} more tries, then you will be signed out.',
  'account.lock.switchUser': 'Switch user',
  'account.lock.signedOut': 'Too many wrong passwords: you were signed out.',

  'account.demo.banner': 'Sample data · for trying out only, never synced',
  'account.demo.exit': 'Leave the demo',
  'account.demo.delete': 'Delete sample data',
  'account.demo.delete.confirm':
    'Delete all sample data? Only the sample database is deleted; real data is not affected.',
  'account.demo.delete.ok': 'Delete',
  'account.demo.cancel': 'Cancel',
  'account.demo.failed': 'Not done: {reason}',
};
