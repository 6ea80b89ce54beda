// H5 only: restyle Taro's web tab bar to follow the care-mode theme (see h5-overrides.scss).
import './h5-overrides.scss'
